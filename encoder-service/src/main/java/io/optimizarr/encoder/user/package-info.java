/**
 * Users and roles: bcrypt hashes in {@code app_user}, the first admin, and the endpoints that
 * manage accounts. Authentication itself is Quarkus's (form login and HTTP Basic).
 */
package io.optimizarr.encoder.user;
