package io.optimizarr.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.PackagedEncoder;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.optimizarr.encoder.testing.Threads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged encoder run as an unprivileged user ({@code nobody}, no capabilities, no delegated
 * cgroup), as a plain {@code java -jar} by a user or a container without privileges would be. It
 * may not make the idle cgroup, and says so at the start and in its placement report; its encodes
 * still start in the idle class at nice 19, in the idle I/O class, in a session whose autogroup is
 * at nice 19, all of which the kernel lets anyone ask for itself. A live change the kernel refuses
 * an unprivileged process (back to the normal class at a lower nice level) is logged as refused,
 * part by part; what it allows (the normal I/O class) is done; the encode goes on and completes,
 * and its output is that user's.
 */
class UnprivilegedEncoderIT {

  private static final int NOBODY = 65534;
  private static final String DB = TestDatabase.NAME + "_unprivileged";
  private static final String CGROUP =
      "optimizarr-it-unprivileged-" + ProcessHandle.current().pid();

  @TempDir Path dir;
  private Path media;
  private PackagedEncoder encoder;

  @BeforeEach
  void asNobody() throws Exception {
    // The temporary folder is root's (0700): the user must be able to reach its media below it.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    media = Files.createDirectories(dir.resolve("media"));
    Clips.clip(media, "film.mkv", 20);
    for (Path p : List.of(media, media.resolve("film.mkv"))) {
      Files.setAttribute(p, "unix:uid", NOBODY);
      Files.setAttribute(p, "unix:gid", NOBODY);
    }
    encoder = new PackagedEncoder(DB, media, dir.resolve("encoder.log"));
    encoder.runAs(NOBODY, NOBODY, Files.createDirectories(dir.resolve("home")));
  }

  @AfterEach
  void stop() throws Exception {
    encoder.stop();
  }

  @Test
  void shouldEncodeInTheIdleClassAndSayWhyThereIsNoIdleCgroup() throws Exception {
    encoder.start(
        Map.of("OPTIMIZARR_ENCODE_CGROUP", "auto", "OPTIMIZARR_TEST_ENCODE_CGROUP_NAME", CGROUP));
    encoder.withoutGovernor();
    assertThat(encoder.log()).contains("No idle cgroup for encodes at").contains(CGROUP);

    JsonNode placement = encoder.get("/api/resources/thresholds").get("placement");
    assertThat(placement.get("idleClass").asBoolean()).as(placement.toString()).isTrue();
    assertThat(placement.at("/cgroup/origin").isNull()).as(placement.toString()).isTrue();
    assertThat(placement.at("/cgroup/path").asText()).doesNotContain(CGROUP);
    assertThat(placement.at("/autogroup/nice").asInt()).isEqualTo(19);

    int profile =
        encoder.post("/api/profiles", Profiles.named("unprivileged").body()).get("id").asInt();
    int job =
        encoder
            .post(
                "/api/jobs",
                Map.of(
                    "inputPath", media.resolve("film.mkv").toString(),
                    "outputPath", media.resolve("small.mkv").toString(),
                    "profileId", profile))
            .get("id")
            .asInt();
    long pid = encoder.runningPid(job, "it-node");
    assertThat(status(pid, "Uid:")).startsWith(NOBODY + "\t");
    await().atMost(Duration.ofSeconds(10)).until(() -> Threads.of(pid).size() > 2 && allIdle(pid));
    assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "autogroup")))
        .endsWith("nice 19\n");
    assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "cgroup")))
        .doesNotContain(CGROUP);

    encoder.sql("UPDATE resource_settings SET priority_mode = 'NICE', nice_level = 5");
    encoder.awaitLog(
        "Job " + job + ": sched_setscheduler", Duration.ofSeconds(10)); // the refusal, named
    assertThat(encoder.log())
        .contains("sched_setscheduler(OTHER) was refused (EPERM)")
        .contains("setpriority(5) was refused (EACCES)")
        .contains("goes on with that part as it was");
    // What the kernel lets anyone do is done: the normal I/O class NICE mode asks for.
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(Threads.of(pid))
                    .as("the refused parts as they were")
                    .allMatch(t -> t.policy() == 5 && t.nice() == 19 && !t.io().equals("idle")));

    encoder.until(job, "COMPLETED", Duration.ofSeconds(300));
    assertThat(Files.getAttribute(media.resolve("small.mkv"), "unix:uid")).isEqualTo(NOBODY);
  }

  /** Every thread in the idle class, at nice 19, in the idle I/O class. */
  private static boolean allIdle(long pid) {
    return Threads.of(pid).stream().allMatch(UnprivilegedEncoderIT::idle);
  }

  private static boolean idle(Threads.Task t) {
    return t.policy() == 5 && t.nice() == 19 && t.io().equals("idle");
  }

  private static String status(long pid, String field) throws Exception {
    return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
        .filter(l -> l.startsWith(field))
        .map(l -> l.substring(field.length()).strip())
        .findFirst()
        .orElse("");
  }
}
