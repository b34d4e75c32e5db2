/**
 * ffmpeg as a program: the argument list a profile makes, the progress it reports and the checks of
 * its output. Pure where it can be; the supervisor runs the processes.
 */
package io.optimizarr.encoder.ffmpeg;
