/**
 * Alerts: webhooks admins configure (a JSON POST per event, an optional HMAC-SHA256 signature,
 * retries with back-off, every attempt recorded) on jobs completed or failed, encodes paused by the
 * governor for longer than a webhook's limit, and a lost monitor.
 */
package io.optimizarr.encoder.alert;
