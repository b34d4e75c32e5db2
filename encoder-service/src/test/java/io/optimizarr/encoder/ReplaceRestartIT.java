package io.optimizarr.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.PackagedEncoder;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged service killed with SIGKILL between every two steps of a replace (held there by the
 * test-only pause point {@code OPTIMIZARR_TEST_PAUSE_REPLACE_AT}), then started again: at the
 * instant of the kill the original or the new file (or both) is in the input's place, never
 * neither; after the start the replace is completed (or, where the checked output was lost, undone
 * and the job encoded again), the original lies in the recycle folder exactly when it should, and
 * no work folder is left. A restore killed at each of its steps is completed, or undone where no
 * file had moved yet.
 */
class ReplaceRestartIT {

  private static final Duration A_WHILE = Duration.ofSeconds(120);

  @TempDir Path dir;
  private Path media;
  private PackagedEncoder encoder;

  /**
   * Where the replace is killed, with how many recycle days, under which name the input is, and
   * what is in place at that instant: the original at the input's name, the new file at the
   * output's, the original in the recycle folder.
   */
  record Kill(
      String point,
      int recycleDays,
      String input,
      boolean originalInPlace,
      boolean newInPlace,
      boolean originalRecycled) {

    @Override
    public String toString() {
      return point + " (" + input + ", " + recycleDays + " days)";
    }
  }

  static Stream<Kill> kills() {
    return Stream.of(
        new Kill("CHECKED", 7, "film.avi", true, false, false),
        new Kill("PLACE_WRITTEN", 7, "film.avi", true, false, false),
        new Kill("PLACE_DONE", 7, "film.avi", true, true, false),
        new Kill("RECYCLE_WRITTEN", 7, "film.avi", true, true, false),
        new Kill("RECYCLE_DONE", 7, "film.avi", false, true, true),
        new Kill("DONE_WRITTEN", 7, "film.avi", false, true, true),
        new Kill("PLACE_WRITTEN", 7, "film.mkv", true, false, false),
        new Kill("PLACE_DONE", 7, "film.mkv", false, true, false),
        new Kill("RECYCLE_DONE", 7, "film.mkv", false, true, true),
        new Kill("DELETE_ORIGINAL_WRITTEN", 0, "film.avi", false, true, true),
        new Kill("DELETE_ORIGINAL_DONE", 0, "film.avi", false, true, false));
  }

  @BeforeEach
  void fresh() throws Exception {
    media = Files.createDirectories(dir.resolve("media"));
    encoder = new PackagedEncoder(TestDatabase.NAME + "_replace_it", media, dir.resolve("log"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    encoder.stop();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kills")
  void shouldCompleteAReplaceKilledAtEachStep(Kill kill) throws Exception {
    Path input = Clips.clip(media, kill.input(), 3);
    String original = MediaFiles.sha256(input);
    Path output = media.resolve("film.mkv");
    Path recycled = media.resolve(".optimizarr-recycle").resolve(kill.input());
    int job = startAndPause(kill.point(), kill.recycleDays(), input);

    assertThat(sha(input).equals(original))
        .as("the original in place")
        .isEqualTo(kill.originalInPlace());
    assertThat(Files.exists(output) && !sha(output).equals(original))
        .as("the new file in place")
        .isEqualTo(kill.newInPlace());
    assertThat(Files.exists(recycled))
        .as("the original recycled")
        .isEqualTo(kill.originalRecycled());
    assertThat(Files.exists(input) || Files.exists(output)).as("something in place").isTrue();
    if (!kill.point().equals("CHECKED")) {
      assertThat(encoder.get("/api/jobs/" + job).get("status").asText()).isEqualTo("REPLACING");
      assertThat(encoder.postStatus("/api/jobs/" + job + "/cancel")).isEqualTo(409);
    }
    encoder.kill();
    encoder.start(Map.of());

    JsonNode done = encoder.until(job, "COMPLETED", A_WHILE);
    assertThat(done.get("attempts").asInt()).isEqualTo(kill.point().equals("CHECKED") ? 1 : 0);
    assertThat(done.get("originalState").asText())
        .isEqualTo(kill.recycleDays() == 0 ? "DELETED" : "RECYCLED");
    assertThat(Files.size(output)).isEqualTo(done.get("outputBytes").asLong());
    assertThat(sha(output)).isNotEqualTo(original);
    if (!kill.input().equals("film.mkv")) {
      assertThat(input).doesNotExist();
    }
    assertThat(recycledFiles()).isEqualTo(kill.recycleDays() == 0 ? List.of() : List.of(recycled));
    if (kill.recycleDays() > 0) {
      assertThat(MediaFiles.sha256(recycled)).isEqualTo(original);
    }
    assertThat(MediaFiles.partials(media)).isEmpty();
  }

  /** Where a restore is killed, under which name, and whether the start completes or undoes it. */
  record RestoreKill(String point, String input, boolean completed) {
    @Override
    public String toString() {
      return point + " (" + input + ")";
    }
  }

  static Stream<RestoreKill> restoreKills() {
    return Stream.of(
        new RestoreKill("RESTORE_WRITTEN", "film.mkv", false),
        new RestoreKill("RESTORE_SWAPPED", "film.mkv", true),
        new RestoreKill("RESTORE_SWAPPED", "film.avi", true),
        new RestoreKill("RESTORE_DONE", "film.avi", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("restoreKills")
  void shouldCompleteOrUndoARestoreKilledAtEachStep(RestoreKill kill) throws Exception {
    Path input = Clips.clip(media, kill.input(), 3);
    String original = MediaFiles.sha256(input);
    Path output = media.resolve("film.mkv");
    Path recycled = media.resolve(".optimizarr-recycle").resolve(kill.input());
    int job = startAndPause(kill.point(), 7, null, input);
    encoder.until(job, "COMPLETED", A_WHILE);
    encoder.postInBackground("/api/jobs/" + job + "/restore");
    encoder.awaitLog("Replace paused for a test: job " + job + " at " + kill.point(), A_WHILE);
    assertThat(Files.exists(input) || Files.exists(output)).as("something in place").isTrue();
    encoder.kill();
    encoder.start(Map.of());

    JsonNode after = encoder.get("/api/jobs/" + job);
    if (kill.completed()) {
      assertThat(after.get("originalState").asText()).isEqualTo("RESTORED");
      assertThat(MediaFiles.sha256(input)).isEqualTo(original);
      assertThat(recycledFiles()).isEmpty();
      if (!kill.input().equals("film.mkv")) {
        assertThat(output).doesNotExist();
      }
    } else {
      assertThat(after.get("originalState").asText()).isEqualTo("RECYCLED");
      assertThat(after.get("restorable").asBoolean()).isTrue();
      assertThat(MediaFiles.sha256(recycled)).isEqualTo(original);
      assertThat(sha(output)).isNotEqualTo(original).isNotEmpty();
    }
  }

  @Test
  void shouldLeaveTheInputAndEncodeAgainWhenTheCheckedOutputWasLost() throws Exception {
    Path input = Clips.clip(media, "lost.avi", 3);
    String original = MediaFiles.sha256(input);
    int job = startAndPause("PLACE_WRITTEN", 7, input);
    encoder.kill();
    // What a power loss could do to a file not yet synced: gone from the work folder.
    for (Path part : partFiles()) {
      Files.delete(part);
    }
    encoder.start(Map.of());

    JsonNode done = encoder.until(job, "COMPLETED", A_WHILE);

    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(events(job)).anyMatch(e -> e.startsWith("REQUEUED: the checked output was lost"));
    assertThat(MediaFiles.sha256(media.resolve(".optimizarr-recycle/lost.avi")))
        .isEqualTo(original);
    assertThat(media.resolve("lost.mkv")).exists();
    assertThat(MediaFiles.partials(media)).isEmpty();
  }

  /** Starts the service held at {@code point}, queues the replace, waits until it is held. */
  private int startAndPause(String point, int recycleDays, Path input) throws Exception {
    return startAndPause(point, recycleDays, point, input);
  }

  /**
   * Starts the service held at {@code point} and queues the replace; waits until the log says a job
   * is held at {@code awaited} (none: does not wait).
   */
  private int startAndPause(String point, int recycleDays, String awaited, Path input)
      throws Exception {
    encoder.start(Map.of("OPTIMIZARR_TEST_PAUSE_REPLACE_AT", point));
    encoder.withoutGovernor();
    int profile =
        encoder
            .post(
                "/api/profiles",
                Profiles.named("replace, killed at " + point)
                    .video("libx264", 35, "veryfast")
                    .with("outputMode", "replace")
                    .with("recycleDays", recycleDays)
                    .body())
            .get("id")
            .asInt();
    int job =
        encoder
            .post("/api/jobs", Map.of("inputPath", input.toString(), "profileId", profile))
            .get("id")
            .asInt();
    if (awaited != null) {
      encoder.awaitLog("Replace paused for a test: job " + job + " at " + awaited, A_WHILE);
    }
    return job;
  }

  private List<String> events(int job) throws Exception {
    var lines = new ArrayList<String>();
    encoder
        .get("/api/jobs/" + job + "/events")
        .forEach(e -> lines.add(e.get("type").asText() + ": " + e.get("message").asText()));
    return lines;
  }

  /** The regular files under the recycle folder. */
  private List<Path> recycledFiles() throws IOException {
    Path recycle = media.resolve(".optimizarr-recycle");
    if (!Files.exists(recycle)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(recycle)) {
      return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }
  }

  /** The files encodes write in their work folders. */
  private List<Path> partFiles() throws IOException {
    try (Stream<Path> files = Files.walk(media)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
  }

  private static String sha(Path file) throws IOException {
    return Files.exists(file) ? MediaFiles.sha256(file) : "";
  }
}
