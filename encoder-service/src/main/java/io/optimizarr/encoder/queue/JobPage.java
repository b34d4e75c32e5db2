package io.optimizarr.encoder.queue;

import java.util.List;

/** One page of jobs in queue order, with the count of all that match. */
public record JobPage(List<JobView> items, int page, int size, long total) {}
