/** HTTP Basic authentication of the one service user configured for API clients. */
package io.optimizarr.monitor.security;
