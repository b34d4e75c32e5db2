/**
 * encoder-service: runs ffmpeg jobs from the PostgreSQL queue under the throttle governor, and
 * serves the REST API, the live events and the web UI. This package holds only what several
 * features share (the node's name, the background loops' threads and their bound on database
 * waits); each feature has a package of its own.
 */
package io.optimizarr.encoder;
