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
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One film across two packaged encoder nodes on one database (issue 19): the node that claims the
 * job offers its chunks, the other takes some of them, each chunk is encoded and recorded once, and
 * the run joins them into an output with every frame of the film once (lossless, so every picture
 * is the input's). The helper is killed with SIGKILL while it encodes a chunk (as when its host
 * dies): that chunk is taken again once its lease runs out, the lost take's work folder removed,
 * and nothing of it is left behind.
 */
class SharedChunksIT {

  /** 120 s in chunks of about 10 s: 12 chunks. */
  static final int SECONDS = 120;

  static final int CHUNKS = 12;
  private static final String DB = TestDatabase.NAME + "_shared";
  private static final Duration LEASE = Duration.ofSeconds(5);

  @TempDir Path dir;
  private Path media;
  private PackagedEncoder first;
  private PackagedEncoder second;

  @BeforeEach
  void twoNodes() throws Exception {
    media = Files.createDirectories(dir.resolve("media"));
    Clips.keyframed(media, SECONDS);
    first = new PackagedEncoder(DB, media, dir.resolve("node-a.log"));
    second = PackagedEncoder.beside(first, dir.resolve("node-b.log"));
  }

  @AfterEach
  void stop() throws Exception {
    first.stop();
    second.stop();
  }

  private static Map<String, String> node(String name) {
    return Map.of("OPTIMIZARR_NODE_NAME", name, "OPTIMIZARR_NODE_LEASE", LEASE.toSeconds() + "s");
  }

  @Test
  void shouldSplitOneFilmsChunksBetweenTwoNodesAndTakeBackTheChunkOfOneKilled() throws Exception {
    first.start(node("node-a"));
    first.withoutGovernor();
    second.start(node("node-b"));
    Path film = media.resolve("keyframed-" + SECONDS + "s.mp4");
    int profile =
        first
            .post(
                "/api/profiles",
                Profiles.named("shared")
                    .video("libx264", 0, "veryslow")
                    .with(
                        Map.of("segmentSeconds", 10, "segmentAboveSeconds", 0, "shareChunks", true))
                    .body())
            .get("id")
            .asInt();
    int job =
        first
            .post(
                "/api/jobs",
                Map.of(
                    "inputPath", film.toString(),
                    "outputPath", media.resolve("shared.mkv").toString(),
                    "profileId", profile))
            .get("id")
            .asInt();
    // Either node may claim the job; the other helps.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !first.get("/api/jobs/" + job).path("node").asText().isEmpty());
    String owner = first.get("/api/jobs/" + job).get("node").asText();
    String helper = owner.equals("node-a") ? "node-b" : "node-a";
    PackagedEncoder owning = owner.equals("node-a") ? first : second;

    // The helper has finished a chunk and encodes another: it dies with its host.
    await()
        .atMost(Duration.ofSeconds(240))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> finishedBy(owning, job, helper) >= 1 && helperPid(job, helper).isPresent());
    long helperFfmpeg = helperPid(job, helper).orElseThrow();
    (owning == first ? second : first).kill();
    ProcessHandle.of(helperFfmpeg).ifPresent(ProcessHandle::destroyForcibly);
    List<JsonNode> byTheHelper = finished(owning, job, helper);

    JsonNode done = owning.until(job, "COMPLETED", Duration.ofSeconds(300));

    List<JsonNode> chunks = chunks(owning, job);
    assertThat(chunks)
        .extracting(c -> c.get("index").asInt())
        .containsExactlyElementsOf(IntStream.range(0, CHUNKS).boxed().toList());
    assertThat(chunks).allMatch(c -> c.get("state").asText().equals("FINISHED"));
    assertThat(chunks).extracting(c -> c.get("node").asText()).contains("node-a", "node-b");
    // The helper's chunks are those it recorded before it died, as it recorded them.
    assertThat(finished(owning, job, helper)).isEqualTo(byTheHelper);
    assertThat(done.get("node").asText()).isEqualTo(owner);
    assertThat(done.get("attempts").asInt()).isZero();
    assertThat(messages(owning, job))
        .anyMatch(m -> m.contains("shared with every node that has room"))
        .anyMatch(
            m -> m.contains("taken again: node " + helper + ", which was encoding it, was lost"));
    assertThat(owning.log())
        .contains("was taken from lost node " + helper + "; its work folder is removed");
    assertThat(ProcessHandle.of(helperFfmpeg)).isEmpty();

    Path output = Path.of(done.get("outputPath").asText());
    assertThat(MediaFiles.pictures(output))
        .hasSize(SECONDS * 25)
        .isEqualTo(MediaFiles.pictures(film));
    try (Stream<Path> left = Files.list(media)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(film.getFileName().toString(), "shared.mkv");
    }
    assertThat(count("SELECT count(*) FROM chunk_task")).isZero();
  }

  /** The pid of the ffmpeg {@code node} runs for one of the job's chunks, once it has one. */
  private Optional<Long> helperPid(int job, String node) throws SQLException {
    try (var db = TestDatabase.connect(DB);
        var query =
            db.prepareStatement(
                "SELECT pid FROM chunk_task WHERE job_id = ? AND node = ? AND pid IS NOT NULL")) {
      query.setLong(1, job);
      query.setString(2, node);
      try (var rows = query.executeQuery()) {
        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
      }
    }
  }

  private static long count(String sql) throws SQLException {
    try (var db = TestDatabase.connect(DB);
        var statement = db.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private long finishedBy(PackagedEncoder api, int job, String node) throws Exception {
    return finished(api, job, node).size();
  }

  private List<JsonNode> finished(PackagedEncoder api, int job, String node) throws Exception {
    return chunks(api, job).stream()
        .filter(c -> c.get("state").asText().equals("FINISHED"))
        .filter(c -> c.get("node").asText().equals(node))
        .toList();
  }

  private List<JsonNode> chunks(PackagedEncoder api, int job) throws Exception {
    var chunks = new ArrayList<JsonNode>();
    api.get("/api/jobs/" + job + "/chunks").forEach(chunks::add);
    return chunks;
  }

  private List<String> messages(PackagedEncoder api, int job) throws Exception {
    var messages = new ArrayList<String>();
    api.get("/api/jobs/" + job + "/events").forEach(e -> messages.add(e.get("message").asText()));
    return messages;
  }
}
