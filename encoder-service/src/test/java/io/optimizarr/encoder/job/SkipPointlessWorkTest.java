package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A profile's two skips on real files: an input already in the target codec is not encoded, and an
 * output larger than its input is thrown away; either way the job ends SKIPPED, saying why, and the
 * input is as it was.
 */
@QuarkusTest
class SkipPointlessWorkTest {

  static Path media = TestDatabase.MEDIA.resolve("skip-test");

  @BeforeAll
  static void clean() throws IOException {
    JobsFixture.cleanForEncodes(media);
  }

  @Test
  void shouldSkipAnInputAlreadyInTheTargetCodec() throws Exception {
    Path input = Clips.clip(media, "clip-4s.mkv", 4);
    String before = MediaFiles.sha256(input);
    int sameCodec = skipping("x264 unless h264", "libx264", 23, "skipIfTargetCodec");

    int id = job(input.toString(), "same.mkv", sameCodec);
    var skipped = until(id, "SKIPPED", Duration.ofSeconds(60));

    assertThat(skipped.getString("statusReason")).isEqualTo("the input's video is already h264");
    assertThat(JobsFixture.events(id)).containsSubsequence("QUEUED", "CLAIMED", "SKIPPED");
    assertNothingWritten("same.mkv", input, before);
  }

  @Test
  void shouldStillEncodeAnInputInAnotherCodec() throws Exception {
    Path input = Clips.clip(media, "clip-4s.mkv", 4);
    int hevc = skipping("x265 unless hevc", "libx265", 30, "skipIfTargetCodec");

    int id = job(input.toString(), "hevc.mkv", hevc);
    until(id, "COMPLETED", Duration.ofSeconds(120));

    assertThat(
            new MediaProbe("ffprobe", Duration.ofSeconds(60))
                .probe(media.resolve("hevc.mkv"))
                .videoCodec())
        .hasValue("hevc");
  }

  @Test
  void shouldDiscardAnOutputLargerThanItsInput() throws Exception {
    Path input = Clips.clip(media, "clip-4s.mkv", 4);
    String before = MediaFiles.sha256(input);
    // Lossless H.264 of a lossy clip: several times the input's size.
    int lossless = skipping("lossless unless smaller", "libx264", 0, "discardLargerOutput");

    int id = job(input.toString(), "larger.mkv", lossless);
    var skipped = until(id, "SKIPPED", Duration.ofSeconds(120));

    assertThat(skipped.getString("statusReason"))
        .matches("the output \\([0-9,]+ bytes\\) is larger than the input \\([0-9,]+ bytes\\)");
    assertThat(JobsFixture.events(id)).containsSubsequence("STARTED", "SKIPPED");
    assertNothingWritten("larger.mkv", input, before);
  }

  @Test
  void shouldKeepALargerOutputWhenTheProfileDoesNotDiscardIt() throws Exception {
    Path input = Clips.clip(media, "clip-4s.mkv", 4);
    int lossless = profile("lossless kept", "libx264", 0, "ultrafast", "mkv");

    int id = job(input.toString(), "kept.mkv", lossless);
    until(id, "COMPLETED", Duration.ofSeconds(120));

    assertThat(Files.size(media.resolve("kept.mkv"))).isGreaterThan(Files.size(input));
  }

  @Test
  void shouldRefuseSkippingTheCodecOfAStreamCopy() {
    asAdmin()
        .contentType("application/json")
        .body(
            Profiles.named("copy that skips")
                .video("copy", null, null)
                .with("skipIfTargetCodec", true)
                .body())
        .post("/api/profiles")
        .then()
        .statusCode(400)
        .body("errors.skipIfTargetCodec", containsString("copying video"));
  }

  /**
   * A profile that skips on {@code option}: {@code skipIfTargetCodec} or {@code
   * discardLargerOutput}.
   */
  private static int skipping(String name, String codec, int quality, String option) {
    return Profiles.named(name).video(codec, quality, "ultrafast").with(option, true).create();
  }

  /** A skipped job left no output and no partial file, and the input has its digest of before. */
  private static void assertNothingWritten(String output, Path input, String before)
      throws IOException {
    assertThat(media.resolve(output)).doesNotExist();
    assertThat(MediaFiles.sha256(input)).isEqualTo(before);
    assertThat(MediaFiles.partials(media)).isEmpty();
  }
}
