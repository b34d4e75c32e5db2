package io.optimizarr.encoder.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;

/**
 * bcrypt, off the event loop: a hash costs tens of milliseconds of CPU, which would stall every
 * other request on the loop. Results come back on the caller's context, where the database work
 * goes on.
 */
@Singleton
public class Passwords {

  private final Vertx vertx;

  Passwords(Vertx vertx) {
    this.vertx = vertx;
  }

  public Uni<String> hash(String password) {
    return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password)));
  }

  public Uni<Boolean> matches(String password, String hash) {
    return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.matches(password, hash)));
  }
}
