package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.eventMessages;
import static io.optimizarr.encoder.job.JobsFixture.get;
import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segmented encodes through the API (issue 19), of a real film with B-frames and an irregular GOP
 * cut at its keyframes, encoded losslessly so that pictures can be compared: the joined output has
 * every frame of the input once, in order, picture for picture, its audio (encoded once, in the
 * join) as long as the input's and as far from the video as in the input; a run that loses the job
 * after its first chunk leaves that chunk to the next run, which reuses it.
 */
@QuarkusTest
class SegmentedEncodeTest {

  static final Path media = TestDatabase.MEDIA.resolve("segmented-test");
  static final Duration ENCODE = Duration.ofSeconds(180);

  /**
   * 25 fps, keyframes at 0, 2, 4, then 5 (forced), 7, 9, 11…: in chunks of about 10 s, cut at 0, 11
   * and 21 s.
   */
  static final int SECONDS = 32;

  static final int FRAMES = SECONDS * 25;

  @BeforeAll
  static void clean() throws Exception {
    JobsFixture.cleanForEncodes(media);
  }

  private static int profile(String container, String test) {
    return Profiles.named("chunks of 10 s in " + container + " for " + test)
        .video("libx264", 0, "ultrafast")
        .audio("aac", 96)
        .container(container)
        .with(Map.of("segmentSeconds", 10, "segmentAboveSeconds", 0))
        .create();
  }

  private static JsonPath chunks(int id) {
    return asAdmin().get("/api/jobs/" + id + "/chunks").then().statusCode(200).extract().jsonPath();
  }

  /**
   * {@link Clips#film}: 768 frames at 24000/1001 fps from 0.023 s (after the audio's priming), a
   * keyframe every 48 frames and at 5 s: in chunks of about 10 s, cut at 0.023, 11.034 and 21.044
   * s.
   */
  static final int FILM_FRAMES = 768;

  @Test
  void shouldJoinTheChunksIntoEveryFrameOfTheFilmOnceInSyncWithItsAudio() throws Exception {
    Path film = Clips.film(media, SECONDS);

    int id = job(film.toString(), "out-chunks.mp4", profile("mp4", "the join"));
    until(id, "COMPLETED", ENCODE);

    Path output = Path.of(get(id).getString("outputPath"));
    JsonPath chunks = chunks(id);
    assertThat(chunks.getList("index", Integer.class)).containsExactly(0, 1, 2);
    assertThat(chunks.getList("frames", Long.class)).containsExactly(264L, 240L, 264L);
    assertThat(chunks.getList("startSeconds", Double.class)).containsExactly(0.023, 11.034, 21.044);
    assertThat(chunks.getList("node", String.class)).doesNotContainNull();
    assertThat(eventMessages(id))
        .anyMatch(m -> m.contains("encoded in 3 chunks of about 10 s, cut at its keyframes"));
    assertThat(MediaFiles.pictures(output))
        .hasSize(FILM_FRAMES)
        .isEqualTo(MediaFiles.pictures(film));
    // No gap or overlap at the seams: every frame shown when the input shows it.
    List<Double> times = presentationTimes(film);
    List<Double> joined = presentationTimes(output);
    assertThat(joined).hasSameSizeAs(times);
    for (int i = 0; i < times.size(); i++) {
      // Matroska's chunks keep milliseconds: each frame within one of its time in the input.
      assertThat(joined.get(i)).as("frame %d", i).isCloseTo(times.get(i), offset(0.0011));
    }
    Streams in = streams(film);
    Streams out = streams(output);
    assertThat(out.audioSeconds()).isCloseTo(in.audioSeconds(), offset(0.05));
    // In sync within one video frame: the video as far after (or before) the audio as in the input.
    assertThat(out.videoStart() - out.audioStart())
        .isCloseTo(in.videoStart() - in.audioStart(), offset(0.04));
    assertThat(leftBeside(film)).isEmpty();
  }

  @Test
  void shouldResumeFromTheFirstUnfinishedChunkWhenTheJobIsTakenAndClaimedAgain() throws Exception {
    Path film = Clips.keyframed(media, SECONDS);
    int id = job(film.toString(), "out-resumed.mkv", profile("mkv", "resume"));
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !chunks(id).getList("index").isEmpty());

    // What a node that lost its lease undergoes: the job taken from it and queued again.
    OffsetDateTime taken = OffsetDateTime.now();
    TestDatabase.execute(
        "UPDATE encoding_job SET status = 'QUEUED', claim_token = NULL, node = NULL, pid = NULL"
            + " WHERE id = "
            + id);
    until(id, "COMPLETED", ENCODE);

    JsonPath chunks = chunks(id);
    assertThat(chunks.getList("index", Integer.class)).containsExactly(0, 1, 2);
    assertThat(OffsetDateTime.parse(chunks.getString("[0].finishedAt"))).isBefore(taken);
    assertThat(eventMessages(id))
        .anyMatch(m -> m.contains("resumed:") && m.contains("finished chunks reused"));
    Path output = Path.of(get(id).getString("outputPath"));
    assertThat(MediaFiles.pictures(output)).hasSize(FRAMES).isEqualTo(MediaFiles.pictures(film));
    assertThat(leftBeside(film)).isEmpty();
  }

  @Test
  void shouldEncodeInOnePassWhereALinkWasPlantedAtTheChunkFoldersName() throws Exception {
    Path film = Clips.keyframed(media, SECONDS);
    Path elsewhere = Files.createDirectories(media.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    long next =
        TestDatabase.count(
            "SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM encoding_job_id_seq");
    Path planted = Files.createSymbolicLink(media.resolve(".optimizarr-chunks-" + next), elsewhere);
    try {
      int id = job(film.toString(), "out-planted.mkv", profile("mkv", "a planted link"));
      assertThat(id).isEqualTo(next);
      until(id, "COMPLETED", ENCODE);

      assertThat(eventMessages(id))
          .anyMatch(m -> m.startsWith("encoded in one pass, not in chunks:") && m.contains("link"));
      assertThat(chunks(id).getList("index")).isEmpty();
      try (Stream<Path> inside = Files.list(elsewhere)) {
        assertThat(inside).isEmpty();
      }
      Path output = Path.of(get(id).getString("outputPath"));
      assertThat(MediaFiles.pictures(output)).hasSize(FRAMES);
    } finally {
      Files.delete(planted);
    }
  }

  /** Work folders and chunk folders left beside the film. */
  private static List<Path> leftBeside(Path film) throws IOException {
    try (Stream<Path> files = Files.list(film.getParent())) {
      return files.filter(p -> p.getFileName().toString().startsWith(".optimizarr-")).toList();
    }
  }

  /** When the first video and audio stream start, and how long the audio lasts. */
  record Streams(double videoStart, double audioStart, double audioSeconds) {}

  private static Streams streams(Path file) throws IOException, InterruptedException {
    Process ffprobe =
        new ProcessBuilder(
                "ffprobe",
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_entries",
                "stream=codec_type,start_time,duration:stream_tags=DURATION",
                file.toString())
            .start();
    JsonNode answer = new ObjectMapper().readTree(ffprobe.getInputStream().readAllBytes());
    assertThat(ffprobe.waitFor(30, TimeUnit.SECONDS)).isTrue();
    double videoStart = Double.NaN;
    double audioStart = Double.NaN;
    double audioSeconds = Double.NaN;
    for (JsonNode s : answer.path("streams")) {
      if (s.path("codec_type").asText().equals("video") && Double.isNaN(videoStart)) {
        videoStart = s.path("start_time").asDouble();
      } else if (s.path("codec_type").asText().equals("audio") && Double.isNaN(audioStart)) {
        audioStart = s.path("start_time").asDouble();
        audioSeconds =
            s.has("duration")
                ? s.path("duration").asDouble()
                : seconds(s.path("tags").path("DURATION").asText());
      }
    }
    return new Streams(videoStart, audioStart, audioSeconds);
  }

  /** The video's presentation times in seconds, in order. */
  private static List<Double> presentationTimes(Path file)
      throws IOException, InterruptedException {
    Process ffprobe =
        new ProcessBuilder(
                "ffprobe",
                "-v",
                "error",
                "-select_streams",
                "v:0",
                "-show_entries",
                "packet=pts_time",
                "-of",
                "csv=p=0",
                file.toString())
            .start();
    List<Double> times =
        new String(
                ffprobe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
            .lines()
            .filter(l -> !l.isBlank())
            .map(l -> Double.parseDouble(l.replace(",", "").strip()))
            .sorted()
            .toList();
    assertThat(ffprobe.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return times;
  }

  /** Matroska's {@code DURATION} tag, {@code 00:00:32.000000000}, in seconds. */
  private static double seconds(String clock) {
    String[] parts = clock.split(":");
    return Integer.parseInt(parts[0]) * 3600
        + Integer.parseInt(parts[1]) * 60
        + Double.parseDouble(parts[2]);
  }
}
