/**
 * The job endpoints: {@code /api/jobs} and the service behind them, which queues jobs and steers
 * them through this node's supervisor. The rows themselves belong to {@code queue}.
 */
package io.optimizarr.encoder.job;
