package io.optimizarr.encoder.user;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Creates user {@code admin} when no user exists: with the configured password, or a generated one
 * printed once. There is never a fixed default password.
 */
@ApplicationScoped
public class FirstAdmin {

  static final String USERNAME = "admin";

  // Runs once at start, before any request: its one bcrypt hash stalls no one.
  void onStart(@Observes StartupEvent event, EncoderConfig config) throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    AppUser.count()
                        .flatMap(
                            users -> {
                              if (users > 0) {
                                return Uni.createFrom().voidItem();
                              }
                              var configured = config.adminPassword().filter(p -> !p.isBlank());
                              boolean generated = configured.isEmpty();
                              String password = configured.orElseGet(FirstAdmin::generate);
                              return AppUser.of(
                                      USERNAME, BcryptUtil.bcryptHash(password), Role.ADMIN)
                                  .persist()
                                  .invoke(() -> announce(password, generated))
                                  .replaceWithVoid();
                            })));
  }

  private static void announce(String password, boolean generated) {
    if (generated) {
      Log.warnf(
          "Created the first admin. User: %s  Password: %s  (shown once; change it after logging"
              + " in, or set OPTIMIZARR_ADMIN_PASSWORD before the first start)",
          USERNAME, password);
    } else {
      Log.infof(
          "Created the first admin, user %s, with the password from OPTIMIZARR_ADMIN_PASSWORD",
          USERNAME);
    }
  }

  static String generate() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
