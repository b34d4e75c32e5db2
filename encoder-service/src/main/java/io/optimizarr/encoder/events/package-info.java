/**
 * The live stream for the UI, as server-sent events: what changes on this node, and job changes
 * made by any node (PostgreSQL notifications).
 */
package io.optimizarr.encoder.events;
