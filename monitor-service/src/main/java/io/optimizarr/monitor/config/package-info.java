/** The service's typed configuration and the checks that refuse to start without what it needs. */
package io.optimizarr.monitor.config;
