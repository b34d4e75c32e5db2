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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Creates user {@code admin} when no user exists: with the configured password, or a generated one
 * shown once. There is never a fixed default password. A generated password goes to the file {@code
 * optimizarr.generated-admin-password-file} names (created anew, 0600; whatever was at that name, a
 * link included, is removed rather than followed), and the log says only where it is, so that no
 * log file keeps it ({@code ./run.sh} prints it to the terminal from there); without that setting
 * it is logged once, for a console that is the terminal.
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
                              if (generated) {
                                config
                                    .generatedAdminPasswordFile()
                                    .ifPresent(file -> keep(file, password));
                              }
                              return AppUser.of(
                                      USERNAME, BcryptUtil.bcryptHash(password), Role.ADMIN)
                                  .persist()
                                  .invoke(
                                      () ->
                                          announce(
                                              password,
                                              generated,
                                              config.generatedAdminPasswordFile()))
                                  .replaceWithVoid();
                            })));
  }

  /** Writes the password to a new 0600 file; what was at that name is removed, never followed. */
  static void keep(Path file, String password) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          file, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the first admin's password to " + file, e);
    }
  }

  private static void announce(String password, boolean generated, Optional<Path> file) {
    if (generated && file.isPresent()) {
      Log.warnf(
          "Created the first admin, user %s; its generated password is in %s (readable by this"
              + " user only; change it after logging in)",
          USERNAME, file.get());
    } else if (generated) {
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
