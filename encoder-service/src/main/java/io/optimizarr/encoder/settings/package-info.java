/** The node's resource settings, kept in PostgreSQL. */
package io.optimizarr.encoder.settings;
