package io.optimizarr.deploy;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What makes the embedded cluster durable and closed to other local users, applied before every
 * start, so that a data folder created by an earlier version (fsync off, trust authentication) is
 * upgraded in place with its data: the server settings zonky's test defaults turn off, a {@code
 * pg_hba.conf} that asks every connection for the password (SCRAM, from this machine only), and
 * that password set on the superuser through PostgreSQL's single-user mode (no server and no login
 * involved).
 */
final class ClusterLockdown {

  /** Durability: zonky starts PostgreSQL with {@code -F} and {@code synchronous_commit=off}. */
  static final Map<String, String> SERVER_CONFIG =
      Map.of(
          "fsync", "on",
          "synchronous_commit", "on",
          "full_page_writes", "on",
          "password_encryption", "scram-sha-256",
          "listen_addresses", "localhost");

  static final String PG_HBA =
      """
      # Written by Optimizarr's launcher at every start: every connection, from this machine only,
      # gives the password (SCRAM) kept in the data folder's postgres-password file.
      local   all   all                  scram-sha-256
      host    all   all   127.0.0.1/32   scram-sha-256
      host    all   all   ::1/128        scram-sha-256
      """;

  private final Path binaries;
  private final String password;

  /**
   * @param binaries the folder zonky extracts PostgreSQL into (its {@code PG-…/bin} is found there)
   */
  ClusterLockdown(Path binaries, String password) {
    this.binaries = binaries;
    this.password = password;
  }

  /** Rewrites {@code pg_hba.conf} and sets the password; the server must not be running. */
  void apply(Path cluster) {
    try {
      Files.writeString(cluster.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
      setPassword(cluster);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void setPassword(Path cluster) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    // As zonky runs its own commands: PostgreSQL refuses to run as root, but not in a user
    // namespace of its own.
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(
        List.of(postgres().toString(), "--single", "-D", cluster.toString(), "postgres"));
    Process single = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (var in = single.getOutputStream()) {
      // The password holds only [A-Za-z0-9_-] (DatabasePassword): nothing to escape.
      in.write(
          ("ALTER ROLE postgres PASSWORD '" + password + "';\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(single.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!single.waitFor(120, TimeUnit.SECONDS)
        || single.exitValue() != 0
        || output.contains("ERROR")) {
      throw new IllegalStateException("could not set the database password:\n" + output);
    }
  }

  private Path postgres() throws IOException {
    try (DirectoryStream<Path> versions = Files.newDirectoryStream(binaries, "PG-*")) {
      for (Path version : versions) {
        Path postgres = version.resolve("bin").resolve("postgres");
        if (Files.isExecutable(postgres)) {
          return postgres;
        }
      }
    }
    throw new IllegalStateException("no PostgreSQL binaries under " + binaries);
  }
}
