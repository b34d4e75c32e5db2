package io.optimizarr.encoder.queue;

import java.util.List;

/**
 * A CDI event, fired when this node took jobs from a node whose lease ran out: what observers (the
 * metrics) need to know.
 */
public record NodeLost(List<TakenFromLostNode> taken) {}
