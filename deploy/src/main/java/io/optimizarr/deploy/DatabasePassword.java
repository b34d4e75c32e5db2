package io.optimizarr.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded PostgreSQL's superuser password: generated once, kept in a 0600 file of the data
 * folder ({@code DATA_DIR/postgres-password}), where {@code ./run.sh} reads it to hand it to the
 * encoder as {@code OPTIMIZARR_DB_PASSWORD}. Only letters, digits, {@code -} and {@code _}, so that
 * it needs no quoting anywhere.
 */
final class DatabasePassword {

  static final String FILE = "postgres-password";

  private DatabasePassword() {}

  /** The password in {@code dataDir}, made there first if there is none. */
  static String readOrCreate(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      String password = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (!password.matches("[A-Za-z0-9_-]{16,200}")) {
        throw new IllegalStateException(
            file
                + " must hold 16 or more letters, digits, '-' or '_'; delete it to make a new one");
      }
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return password;
    }
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    return password;
  }
}
