/**
 * Users and roles: bcrypt hashes in {@code app_user}, the first admin, the endpoints that manage
 * accounts, the login slow-down, per-user session versions that end sessions, and the secrets
 * checked at start. Authentication itself is Quarkus's (form login and HTTP Basic).
 */
package io.optimizarr.encoder.user;
