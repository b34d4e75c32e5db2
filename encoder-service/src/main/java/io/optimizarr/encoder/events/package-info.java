/** The live stream for the UI: what changes on this node, as server-sent events. */
package io.optimizarr.encoder.events;
