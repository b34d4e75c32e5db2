package io.optimizarr.encoder.user;

import java.time.Instant;

/** A user as the API shows it: never the hash. */
public record UserView(Long id, String username, String role, Instant createdAt) {
  static UserView of(AppUser user) {
    return new UserView(user.id, user.username, user.role, user.createdAt);
  }
}
