/**
 * Reading the host: CPU, memory, disk, network and processes. Parsers of {@code /proc} text are
 * pure static methods beside the readers that feed them.
 */
package io.optimizarr.monitor.host;
