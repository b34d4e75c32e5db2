/**
 * The self-hosted stack's programs in: Sonarr's and Radarr's webhooks ({@code ArrResource}, their
 * payloads read by the pure {@code ArrEvent}) and the path mappings from their paths to this node's
 * ({@code PathMappings}). Files are queued through the library's own rules.
 */
package io.optimizarr.encoder.integration;
