/**
 * The library: media folders admins add, each scanned (recursively, by file extension) for videos
 * its profile would change, which are queued once — never a file that a job already reads or
 * writes.
 */
package io.optimizarr.encoder.library;
