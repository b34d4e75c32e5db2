/**
 * The supervisor: claims jobs from the queue, runs one ffmpeg per job with its nice level and
 * cores, follows its progress, checks and publishes its output, and cleans up after crashes.
 */
package io.optimizarr.encoder.supervisor;
