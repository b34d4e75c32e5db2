/**
 * What Java cannot do to a process: stop, continue, schedule (policy, nice level, I/O class) and
 * pin it, on every thread, through libc (JNA); and where encodes run: the idle cgroup the node
 * makes for them and the report on what protects the machine ({@code Placement}). Linux only.
 */
package io.optimizarr.encoder.process;
