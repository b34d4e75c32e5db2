package io.optimizarr.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.PackagedEncoder;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service killed with SIGKILL, or stopped gracefully, while it encodes a film in
 * chunks, about 70 % in, then started again (issue 19): the job completes, every chunk finished
 * before the end is reused as it was (the work redone is the chunk that was being encoded), and the
 * joined output has every frame of the film once.
 */
class SegmentResumeIT {

  /** 64 s in chunks of about 10 s: cut at 0, 11, 21, 31, 41, 51 and 61 s (7 chunks). */
  static final int SECONDS = 64;

  static final int CHUNKS = 7;

  @TempDir Path dir;
  private Path media;
  private PackagedEncoder encoder;

  @BeforeEach
  void freshDatabaseAndMedia() throws Exception {
    media = Files.createDirectories(dir.resolve("media"));
    Clips.keyframed(media, SECONDS);
    encoder = new PackagedEncoder(TestDatabase.NAME + "_it", media, dir.resolve("encoder.log"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    encoder.stop();
  }

  @Test
  void shouldRedoAtMostTheChunkItWasEncodingWhenKilledAtSeventyPercent() throws Exception {
    resumesAfter(encoder::kill, 1);
  }

  @Test
  void shouldRedoAtMostTheChunkItWasEncodingWhenStoppedGracefully() throws Exception {
    // A graceful stop ends the encode and requeues the job without counting an attempt.
    resumesAfter(() -> assertThat(encoder.stopsWithin(Duration.ofSeconds(60))).isTrue(), 0);
  }

  /** What ends the service while it encodes. */
  interface Ending {
    void run() throws Exception;
  }

  /**
   * Encodes the film in chunks, ends the service with {@code ending} once 4 of 7 are recorded,
   * starts it again: the job completes with {@code attempts}, every chunk recorded before the end
   * reused as it was.
   */
  private void resumesAfter(Ending ending, int attempts) throws Exception {
    encoder.start(Map.of());
    encoder.withoutGovernor();
    Path film = media.resolve("keyframed-" + SECONDS + "s.mp4");
    int profile =
        encoder
            .post(
                "/api/profiles",
                Profiles.named("chunks")
                    .video("libx264", 0, "medium")
                    .with(Map.of("segmentSeconds", 10, "segmentAboveSeconds", 0))
                    .body())
            .get("id")
            .asInt();
    int job =
        encoder
            .post(
                "/api/jobs",
                Map.of(
                    "inputPath", film.toString(),
                    "outputPath", media.resolve("resumed.mkv").toString(),
                    "profileId", profile))
            .get("id")
            .asInt();
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> chunks(job).size() >= 4);

    // A chunk may finish between this look and the end: it is reused too.
    List<JsonNode> before = chunks(job);
    ending.run();
    OffsetDateTime ended = OffsetDateTime.now();
    encoder.start(Map.of());
    JsonNode done = encoder.until(job, "COMPLETED", Duration.ofSeconds(300));

    List<JsonNode> after = chunks(job);
    assertThat(after).hasSize(CHUNKS);
    for (JsonNode chunk : before) {
      // Reused as it was: encoded once, before the end.
      JsonNode now = after.get(chunk.get("index").asInt());
      assertThat(now.get("finishedAt").asText()).isEqualTo(chunk.get("finishedAt").asText());
      assertThat(OffsetDateTime.parse(now.get("finishedAt").asText())).isBefore(ended);
    }
    String resumed =
        messages(job).stream().filter(m -> m.contains("resumed:")).findFirst().orElseThrow();
    Matcher reused = Pattern.compile("resumed: (\\d+) finished chunks reused").matcher(resumed);
    assertThat(reused.find()).as(resumed).isTrue();
    // The work redone: at most the chunk being encoded when the service ended.
    assertThat(Integer.parseInt(reused.group(1)))
        .isBetween(before.size(), Math.min(before.size() + 1, CHUNKS));
    assertThat(done.get("attempts").asInt()).isEqualTo(attempts);
    Path output = Path.of(done.get("outputPath").asText());
    assertThat(MediaFiles.pictures(output))
        .hasSize(SECONDS * 25)
        .isEqualTo(MediaFiles.pictures(film));
    try (Stream<Path> left = Files.list(media)) {
      assertThat(left.filter(p -> p.getFileName().toString().startsWith(".optimizarr-"))).isEmpty();
    }
  }

  private List<JsonNode> chunks(int job) throws Exception {
    var chunks = new ArrayList<JsonNode>();
    encoder.get("/api/jobs/" + job + "/chunks").forEach(chunks::add);
    return chunks;
  }

  private List<String> messages(int job) throws Exception {
    var messages = new ArrayList<String>();
    encoder
        .get("/api/jobs/" + job + "/events")
        .forEach(e -> messages.add(e.get("message").asText()));
    return messages;
  }
}
