/**
 * Alerts: webhooks admins configure — Optimizarr's own signed JSON, Discord, ntfy, Gotify, the
 * Apprise API, e-mail, and Plex/Jellyfin/Emby rescans of the library folders linked to them — told
 * of jobs completed, failed or skipped, encodes held past a webhook's limit, a lost monitor and a
 * daily digest; every delivery recorded, retried with back-off where that may help.
 */
package io.optimizarr.encoder.alert;
