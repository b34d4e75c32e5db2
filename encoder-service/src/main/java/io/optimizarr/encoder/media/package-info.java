/** Where jobs may read and write: the configured media and output roots, checked after symlinks. */
package io.optimizarr.encoder.media;
