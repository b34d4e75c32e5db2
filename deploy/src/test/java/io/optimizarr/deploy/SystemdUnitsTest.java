package io.optimizarr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.user.SecretRules;
import io.optimizarr.monitor.config.MonitorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd units of deploy/systemd: parsed by systemd itself ({@code systemd-analyze verify},
 * offline, against a root of their own), the encoder and its encodes in the idle slice with their
 * cgroup delegated, the monitor outside it, every variable one the service reads, the media roots
 * writable, the shipped secrets refused until generated, the encoder's user made by sysusers. No
 * systemd needs to run; {@code systemd-analyze} and {@code systemd-sysusers} must be installed (the
 * Debian package systemd, which test.sh installs), or these fail.
 */
class SystemdUnitsTest {

  static final Path SYSTEMD = Path.of("systemd");
  static final String ENCODER = "optimizarr-encoder.service";
  static final String MONITOR = "optimizarr-monitor.service";
  static final String SLICE = "optimizarr.slice";
  static final List<String> UNITS = List.of(SLICE, MONITOR, ENCODER);

  @Test
  void systemdParsesEveryUnitWithoutAWord(@TempDir Path root) throws Exception {
    installInto(root, Map.of());
    assertThat(verify(root, UNITS)).isEqualTo(new Outcome(0, ""));
  }

  @Test
  void aMistakeInAUnitIsReported(@TempDir Path root) throws Exception {
    String slice = Files.readString(SYSTEMD.resolve(SLICE));
    installInto(root, Map.of(SLICE, slice.replace("CPUWeight=idle", "CPUWeight=idel")));
    assertThat(verify(root, List.of(SLICE)).output()).contains("Invalid CPU weight", "idel");
  }

  @Test
  void theEncoderAndItsEncodesSitInTheIdleSliceWithTheirCgroupDelegated() throws Exception {
    SystemdUnit encoder = unit(ENCODER);
    String slice = encoder.value("Service", "Slice").orElseThrow();
    assertThat(SYSTEMD.resolve(slice)).as("the slice it names is shipped").exists();
    assertThat(unit(slice).value("Slice", "CPUWeight")).contains("idle");
    assertThat(encoder.value("Service", "Delegate"))
        .as("a non-root encoder may make its encodes' cgroup only inside a delegated subtree")
        .contains("yes");
    assertThat(encoder.value("Service", "ProtectControlGroups"))
        .as("a read-only /sys/fs/cgroup would undo the delegation")
        .isEmpty();
    assertThat(encoder.value("Service", "User")).isPresent().get().isNotEqualTo("root");
    assertThat(encoder.value("Service", "Restart")).contains("on-failure");
    assertThat(encoder.value("Service", "KillMode"))
        .as("a stop reaches the JVM, which ends and requeues its encodes, not ffmpeg first")
        .contains("mixed");
  }

  @Test
  void theMonitorStaysAtNormalWeightToSenseASaturatedMachine() throws Exception {
    SystemdUnit monitor = unit(MONITOR);
    assertThat(monitor.value("Service", "Slice")).isEmpty();
    assertThat(monitor.value("Service", "CPUWeight")).isEmpty();
    assertThat(monitor.value("Service", "CPUSchedulingPolicy")).isEmpty();
    assertThat(monitor.value("Service", "Nice")).isEmpty();
    assertThat(monitor.value("Service", "DynamicUser"))
        .as("another user than the encoder's, which cannot read the encoder's environment")
        .contains("yes");
    assertThat(monitor.value("Service", "Restart")).contains("on-failure");
  }

  @Test
  void everyVariableIsAKeyTheServiceReads() throws Exception {
    Map<String, Set<String>> known =
        Map.of(
            MONITOR,
            ConfigKeys.environmentNames(
                MonitorConfig.class, ManifestsTest.APPS.get(0).properties()),
            ENCODER,
            ConfigKeys.environmentNames(
                EncoderConfig.class, ManifestsTest.APPS.get(1).properties()));
    for (var service : known.entrySet()) {
      Map<String, String> environment = environmentOf(unit(service.getKey()));
      assertThat(environment.keySet())
          .as(service.getKey() + " sets only what it reads (Quarkus reads every QUARKUS_ key)")
          .isNotEmpty()
          .allSatisfy(
              name -> {
                if (!name.startsWith("QUARKUS_")) {
                  assertThat(service.getValue()).contains(name);
                }
              });
    }
    Map<String, String> monitor = environmentOf(unit(MONITOR));
    assertThat(environmentOf(unit(ENCODER)).get("OPTIMIZARR_MONITOR_URL"))
        .as("the encoder finds the monitor where its unit has it listen")
        .isEqualTo(
            "http://" + monitor.get("QUARKUS_HTTP_HOST") + ":" + monitor.get("QUARKUS_HTTP_PORT"));
  }

  @Test
  void everyMediaAndOutputRootIsWritableUnderTheReadOnlySystem() throws Exception {
    SystemdUnit encoder = unit(ENCODER);
    assertThat(encoder.value("Service", "ProtectSystem")).contains("strict");
    List<String> writable = new ArrayList<>();
    encoder
        .values("Service", "ReadWritePaths")
        .forEach(v -> writable.addAll(List.of(v.split(" "))));
    Map<String, String> environment = environmentOf(encoder);
    List<String> roots = new ArrayList<>();
    for (String key : List.of("OPTIMIZARR_MEDIA_ROOTS", "OPTIMIZARR_OUTPUT_ROOTS")) {
      if (environment.containsKey(key)) {
        roots.addAll(List.of(environment.get(key).split(",")));
      }
    }
    assertThat(roots).isNotEmpty();
    assertThat(writable).containsAll(roots);
    assertThat(encoder.value("Service", "StateDirectory")).contains("optimizarr");
    assertThat(environment.get("OPTIMIZARR_GENERATED_ADMIN_PASSWORD_FILE"))
        .startsWith("/var/lib/optimizarr/");
  }

  @Test
  void theShippedSecretsAreRefusedAndTheGeneratedOnesTaken(@TempDir Path etc) throws Exception {
    try (var files = Files.list(SYSTEMD)) {
      for (Path env : files.filter(p -> p.toString().endsWith(".env")).toList()) {
        Files.copy(env, etc.resolve(env.getFileName()));
      }
    }
    Map<String, String> shipped = SystemdUnit.read(etc.resolve("encoder.env")).environment();
    assertThat(SecretRules.sessionKeyProblem(shipped.get("OPTIMIZARR_SESSION_KEY"))).isPresent();
    assertThat(SecretRules.adminPasswordProblem(shipped.get("OPTIMIZARR_ADMIN_PASSWORD")))
        .isPresent();

    Outcome generate =
        run(List.of(Manifests.K8S.resolve("generate-secrets.sh").toString(), etc.toString()));
    assertThat(generate.exitCode()).as(generate.output()).isZero();

    Map<String, String> encoder = SystemdUnit.read(etc.resolve("encoder.env")).environment();
    assertThat(SecretRules.sessionKeyProblem(encoder.get("OPTIMIZARR_SESSION_KEY"))).isEmpty();
    assertThat(SecretRules.adminPasswordProblem(encoder.get("OPTIMIZARR_ADMIN_PASSWORD")))
        .isEmpty();
    String monitorPassword =
        SystemdUnit.read(etc.resolve("common.env"))
            .environment()
            .get("OPTIMIZARR_MONITOR_PASSWORD");
    assertThat(monitorPassword).isNotBlank().doesNotContain("change-me");
    assertThat(Files.getPosixFilePermissions(etc.resolve("common.env")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(etc.resolve("db.env"))
        .as("the database's password is the owner's to set")
        .hasSameTextualContentAs(SYSTEMD.resolve("db.env"));
    assertThat(generate.output()).contains("db.env still holds a placeholder");
  }

  @Test
  void sysusersMakesTheEncodersUser(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Outcome sysusers =
        run(
            List.of(
                "systemd-sysusers",
                "--root=" + root,
                SYSTEMD.resolve("optimizarr-sysusers.conf").toAbsolutePath().toString()));
    assertThat(sysusers.exitCode()).as(sysusers.output()).isZero();
    String user = unit(ENCODER).value("Service", "User").orElseThrow();
    String group = unit(ENCODER).value("Service", "Group").orElseThrow();
    assertThat(Files.readAllLines(root.resolve("etc/passwd")))
        .anySatisfy(line -> assertThat(line).startsWith(user + ":").endsWith(":/usr/sbin/nologin"));
    assertThat(Files.readAllLines(root.resolve("etc/group")))
        .anySatisfy(line -> assertThat(line).startsWith(group + ":"));
  }

  /** A process's exit code and its standard output and error together. */
  record Outcome(int exitCode, String output) {}

  private static SystemdUnit unit(String name) throws IOException {
    return SystemdUnit.read(SYSTEMD.resolve(name));
  }

  /**
   * What the service's process is given: the unit's {@code Environment=} lines, then each of its
   * {@code EnvironmentFile=}s (shipped beside it under its file name), which override them.
   */
  private static Map<String, String> environmentOf(SystemdUnit unit) throws IOException {
    var environment = new LinkedHashMap<String, String>(unit.environment());
    for (String file : unit.values("Service", "EnvironmentFile")) {
      boolean optional = file.startsWith("-");
      Path shipped = SYSTEMD.resolve(Path.of(optional ? file.substring(1) : file).getFileName());
      assertThat(Files.exists(shipped) || optional).as(file + " is shipped").isTrue();
      if (Files.exists(shipped)) {
        environment.putAll(SystemdUnit.read(shipped).environment());
      }
    }
    return environment;
  }

  /**
   * A root of its own for systemd-analyze: this machine's shipped units (the targets and slices
   * ours refer to), ours in /etc/systemd/system ({@code replaced} instead of the shipped text where
   * named), and a stand-in for each program an ExecStart= runs, so that a unit is judged on its own
   * text, not on what this machine has installed.
   */
  private static void installInto(Path root, Map<String, String> replaced) throws IOException {
    Path vendor = Path.of("/usr/lib/systemd/system");
    assertThat(vendor)
        .as("systemd's own units (the Debian package systemd; test.sh installs it)")
        .isDirectory();
    Path vendorCopy = root.resolve("usr/lib/systemd/system");
    try (var units = Files.walk(vendor)) {
      for (Path p : units.toList()) {
        Path target = vendorCopy.resolve(vendor.relativize(p).toString());
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(target);
        } else {
          Files.copy(
              p,
              target,
              StandardCopyOption.COPY_ATTRIBUTES,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
        }
      }
    }
    Path system = Files.createDirectories(root.resolve("etc/systemd/system"));
    for (String name : UNITS) {
      String text = replaced.getOrDefault(name, Files.readString(SYSTEMD.resolve(name)));
      Files.writeString(system.resolve(name), text);
      for (String exec : SystemdUnit.read(system.resolve(name)).values("Service", "ExecStart")) {
        Path program = root.resolve(exec.split(" ")[0].substring(1));
        Files.createDirectories(program.getParent());
        Files.writeString(program, "#!/bin/sh\n");
        program.toFile().setExecutable(true);
      }
    }
  }

  private static Outcome verify(Path root, List<String> units) throws Exception {
    var command =
        new ArrayList<>(List.of("systemd-analyze", "verify", "--root=" + root, "--man=no"));
    command.addAll(units);
    return run(command);
  }

  private static Outcome run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes()).strip();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " ended").isTrue();
    return new Outcome(process.exitValue(), output);
  }
}
