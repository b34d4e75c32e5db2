/**
 * What Java cannot do to a process: stop, continue, renice and pin it, on every thread, through
 * libc (JNA). Linux only.
 */
package io.optimizarr.encoder.process;
