package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.job;
import static io.optimizarr.encoder.job.JobsFixture.profile;
import static io.optimizarr.encoder.job.JobsFixture.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What someone who can write into a media folder may try: links planted where the encode writes, a
 * playlist named like a film, a folder swapped for a link after queuing. The input is never
 * written, and nothing outside the roots is read or written.
 */
@QuarkusTest
class LinkAttackTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("link-attack");
  static final Path OUTSIDE = TestDatabase.MEDIA.resolveSibling(TestDatabase.NAME + "-outside");

  @BeforeEach
  void clean() throws IOException {
    MediaFiles.deleteTree(MEDIA.resolve("out"));
    JobsFixture.cleanForEncodes(MEDIA);
    Files.createDirectories(OUTSIDE);
  }

  @Test
  void shouldNeverWriteThroughLinksPlantedAtTheTemporaryNames() throws Exception {
    Path input = Clips.clip(MEDIA, "clip-4s.mkv", 4);
    String before = MediaFiles.sha256(input);
    // Every name the temporary file had or could have, for the next ids, points at the input.
    var planted = new ArrayList<String>();
    for (int id = 1; id <= 20; id++) {
      planted.add(".encoded.mkv.optimizarr-" + id + ".part");
      planted.add(".optimizarr-" + id + "-0000000000000000");
    }
    for (String name : planted) {
      Files.createSymbolicLink(MEDIA.resolve(name), input);
    }
    int x264 = profile("fast x264", "libx264", 30, "ultrafast", "mkv");

    int id = job(input.toString(), "encoded.mkv", x264);
    until(id, "COMPLETED", Duration.ofSeconds(120));

    assertThat(MediaFiles.sha256(input)).isEqualTo(before);
    assertThat(MEDIA.resolve("encoded.mkv")).isRegularFile();
    assertThat(MediaFiles.partials(MEDIA))
        .as("the planted links are all there, untouched, and the run's own folder is gone")
        .containsExactlyInAnyOrderElementsOf(planted);
    assertThat(planted).allMatch(name -> Files.isSymbolicLink(MEDIA.resolve(name)));
  }

  @Test
  void shouldNotFollowAPlaylistNamedLikeAFilmOutOfTheRoots() throws Exception {
    Path secret = Clips.clip(OUTSIDE, "clip-2s.mkv", 2);
    Path playlist = Clips.hlsPlaylist(MEDIA, "film.mkv", secret);
    int x264 = profile("fast x264 for playlists", "libx264", 30, "ultrafast", "mkv");

    int id = job(playlist.toString(), "from-playlist.mkv", x264);
    var failed = until(id, "FAILED", Duration.ofSeconds(60));

    assertThat(failed.getString("statusReason")).isEqualTo("the input cannot be read");
    assertThat(failed.getString("error")).contains("not on whitelist");
    assertThat(MEDIA.resolve("from-playlist.mkv")).doesNotExist();
  }

  @Test
  void shouldRefuseAnOutputFolderSwappedForALinkOutOfTheRootsAfterQueuing() throws Exception {
    Path input = Clips.clip(MEDIA, "clip-4s.mkv", 4);
    Path folder = Files.createDirectories(MEDIA.resolve("out"));
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    int x264 = profile("fast x264 for swaps", "libx264", 30, "ultrafast", "mkv");
    int id =
        job(
            Map.of(
                "inputPath", input.toString(),
                "outputPath", folder.resolve("swapped.mkv").toString(),
                "profileId", x264));

    Files.delete(folder);
    Files.createSymbolicLink(folder, OUTSIDE);
    JobsFixture.oneEncodeAtATime();
    var failed = until(id, "FAILED", Duration.ofSeconds(60));

    assertThat(failed.getString("statusReason"))
        .isEqualTo("the input or output is not where it was queued");
    assertThat(failed.getString("error")).contains("outside the output roots");
    assertThat(OUTSIDE.resolve("swapped.mkv")).doesNotExist();
    assertThat(MediaFiles.partials(OUTSIDE)).isEmpty();
    Files.delete(folder);
  }
}
