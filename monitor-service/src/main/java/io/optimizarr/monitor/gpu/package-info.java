/**
 * GPU probes, one per vendor family: NVIDIA through NVML (JNA), AMD and Intel (i915, xe) through
 * sysfs. A family that is absent or fails is reported as no GPUs, never as an error.
 */
package io.optimizarr.monitor.gpu;
