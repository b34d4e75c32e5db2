package io.optimizarr.encoder.user;

import io.optimizarr.encoder.api.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;

/** Accounts: every user sees and changes their own; admins manage everyone's. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

  static final int MIN_PASSWORD_LENGTH = 8;
  static final int MAX_PASSWORD_LENGTH = 1024;

  public record NewUser(String username, String password, String role) {}

  public record NewPassword(String currentPassword, String password) {}

  private final SecurityIdentity identity;
  private final Passwords passwords;
  private final SessionVersions sessions;

  UsersResource(SecurityIdentity identity, Passwords passwords, SessionVersions sessions) {
    this.identity = identity;
    this.passwords = passwords;
    this.sessions = sessions;
  }

  @GET
  @Path("/me")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  @WithSession
  public Uni<UserView> me() {
    if (ApiKeyIdentities.isKey(identity)) {
      return Uni.createFrom()
          .item(
              new UserView(
                  null,
                  identity.getPrincipal().getName(),
                  identity.getRoles().iterator().next(),
                  null));
    }
    // A session may outlive its user by up to optimizarr.login.session-recheck on other nodes.
    return AppUser.findByUsername(SessionPrincipal.username(identity))
        .onItem()
        .ifNull()
        .failWith(UnauthorizedException::new)
        .map(UserView::of);
  }

  /** Changes the caller's password; every session of theirs ends, this one included. */
  @PUT
  @Path("/me/password")
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<Response> changeOwnPassword(NewPassword body) {
    requirePassword(body == null ? null : body.password());
    if (ApiKeyIdentities.isKey(identity)) {
      throw ApiException.conflict(null, "an API key has no password to change");
    }
    String username = SessionPrincipal.username(identity);
    return Panache.withTransaction(
            () ->
                AppUser.findByUsername(username)
                    .flatMap(
                        user ->
                            passwords
                                .matches(
                                    body.currentPassword() == null ? "" : body.currentPassword(),
                                    user.passwordHash)
                                .flatMap(
                                    current -> {
                                      if (!current) {
                                        throw ApiException.invalid(
                                            "currentPassword",
                                            "currentPassword is not your password");
                                      }
                                      return passwords.hash(body.password());
                                    })
                                .invoke(hash -> user.passwordHash = hash)
                                .call(() -> sessions.end(username))))
        .invoke(() -> sessions.ended(username))
        .map(done -> Response.noContent().build());
  }

  @GET
  @Path("/users")
  @RolesAllowed(Role.ADMIN)
  @WithSession
  public Uni<List<UserView>> list() {
    return AppUser.<AppUser>listAll(Sort.by("id"))
        .map(users -> users.stream().map(UserView::of).toList());
  }

  @POST
  @Path("/users")
  @RolesAllowed(Role.ADMIN)
  @WithTransaction
  public Uni<Response> create(NewUser body) {
    var errors = new LinkedHashMap<String, String>();
    if (body == null
        || body.username() == null
        || !body.username().matches("[A-Za-z0-9._-]{1,64}")) {
      errors.put("username", "username must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    String passwordProblem = passwordProblem(body == null ? null : body.password());
    if (passwordProblem != null) {
      errors.put("password", passwordProblem);
    }
    if (body == null || !Role.isRole(body.role())) {
      errors.put("role", "role must be admin or viewer");
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return AppUser.findByUsername(body.username())
        .flatMap(
            existing -> {
              if (existing != null) {
                throw ApiException.conflict("username", "user " + body.username() + " exists");
              }
              return passwords
                  .hash(body.password())
                  .flatMap(
                      hash -> AppUser.of(body.username(), hash, body.role()).<AppUser>persist());
            })
        .map(
            user ->
                Response.created(URI.create("/api/users/" + user.id))
                    .entity(UserView.of(user))
                    .build());
  }

  /** Gives a user a new password; every session of theirs ends. */
  @PUT
  @Path("/users/{id}/password")
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> resetPassword(@PathParam("id") long id, NewPassword body) {
    requirePassword(body == null ? null : body.password());
    return Panache.withTransaction(
            () ->
                AppUser.<AppUser>findById(id)
                    .onItem()
                    .ifNull()
                    .failWith(() -> ApiException.notFound("user", id))
                    .flatMap(
                        user ->
                            passwords
                                .hash(body.password())
                                .invoke(hash -> user.passwordHash = hash)
                                .call(() -> sessions.end(user.username))
                                .replaceWith(user.username)))
        .invoke(sessions::ended)
        .map(done -> Response.noContent().build());
  }

  /**
   * Deletes a user; their sessions are refused from their next request on (once committed), their
   * event streams on this node closed.
   */
  @DELETE
  @Path("/users/{id}")
  @RolesAllowed(Role.ADMIN)
  public Uni<Response> delete(@PathParam("id") long id) {
    return Panache.withTransaction(
            () ->
                AppUser.<AppUser>findById(id)
                    .flatMap(
                        user -> {
                          if (user == null) {
                            throw ApiException.notFound("user", id);
                          }
                          if (user.username.equals(SessionPrincipal.username(identity))) {
                            throw ApiException.conflict(null, "you cannot delete yourself");
                          }
                          return user.delete().replaceWith(user.username);
                        }))
        .invoke(sessions::ended)
        .map(username -> Response.noContent().build());
  }

  private static void requirePassword(String password) {
    String problem = passwordProblem(password);
    if (problem != null) {
      throw ApiException.invalid("password", problem);
    }
  }

  private static String passwordProblem(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      return "password must have at least " + MIN_PASSWORD_LENGTH + " characters";
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      return "password must have at most " + MAX_PASSWORD_LENGTH + " characters";
    }
    return null;
  }
}
