package io.optimizarr.model;

/**
 * One process on a GPU, as the driver reports it: what it used of the GPU's engines over the
 * snapshot's window, its memory and its encoder sessions. Every figure the driver cannot give is
 * null; a process the driver lists but that used an engine not at all reads 0 there.
 *
 * @param pid the process id as the driver sees it: the host's pid namespace (an encoder in a
 *     container sees its own processes under other numbers)
 * @param smPercent its share of the GPU's streaming multiprocessors (compute and 3D), 0–100
 * @param encoderPercent its share of the video encoder (NVENC)
 * @param decoderPercent its share of the video decoder (NVDEC)
 * @param memoryBytes the GPU memory it holds
 * @param encoderSessions how many encoder sessions it has open
 */
public record GpuProcess(
    long pid,
    Double smPercent,
    Double encoderPercent,
    Double decoderPercent,
    Long memoryBytes,
    Integer encoderSessions) {}
