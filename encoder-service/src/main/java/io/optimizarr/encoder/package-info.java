/**
 * encoder-service: runs ffmpeg jobs from the PostgreSQL queue under the throttle and serves the
 * REST API and web UI. So far only its shell: health and metrics on the management port.
 */
package io.optimizarr.encoder;
