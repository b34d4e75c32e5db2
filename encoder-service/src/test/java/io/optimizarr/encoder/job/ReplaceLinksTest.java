package io.optimizarr.encoder.job;

import static io.optimizarr.encoder.job.JobsFixture.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.MediaFiles;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What someone who can write into a media folder may plant against a replace: a link at the recycle
 * folder's path, or at the new file's name once the encode runs. Nothing is written through either,
 * the input stays in its place and the job fails saying why.
 */
@QuarkusTest
class ReplaceLinksTest {

  static final Path MEDIA = TestDatabase.MEDIA.resolve("replace-links");
  static final Path RECYCLE = TestDatabase.MEDIA.resolve(".optimizarr-recycle/replace-links");
  static final Path ELSEWHERE = TestDatabase.MEDIA.resolveSibling("replace-links-elsewhere");

  @BeforeEach
  void fresh() throws Exception {
    JobsFixture.cleanForEncodes(MEDIA);
    MediaFiles.deleteTree(RECYCLE);
    MediaFiles.deleteTree(ELSEWHERE);
    Files.createDirectories(ELSEWHERE);
    Files.createDirectories(RECYCLE.getParent());
  }

  @Test
  void shouldNotWriteThroughALinkPlantedInTheRecycleFolderPath() throws Exception {
    Path input = copyOfClip("planted.mkv", 4);
    String before = MediaFiles.sha256(input);
    Files.createSymbolicLink(RECYCLE, ELSEWHERE);
    int id = job(input, Profiles.named("replace past a link").video("libx264", 35, "veryfast"));

    JsonPath failed = until(id, "FAILED", Duration.ofSeconds(120));

    assertThat(failed.getString("error")).contains("is not a folder (a link?)");
    assertThat(MediaFiles.sha256(input)).isEqualTo(before);
    assertThat(ELSEWHERE).isEmptyDirectory();
    assertThat(MediaFiles.partials(MEDIA)).isEmpty();
  }

  @Test
  void shouldLeaveTheInputWhenALinkAppearsAtTheNewName() throws Exception {
    Path input = copyOfClip("film.avi", 6);
    String before = MediaFiles.sha256(input);
    Path victim = Files.writeString(ELSEWHERE.resolve("victim.mkv"), "not to be overwritten");
    // A slow encode, so that the link is planted while it runs.
    int id = job(input, Profiles.named("replace, slowly").video("libx265", 30, "medium"));
    JobsFixture.runningPid(id);
    Path link = Files.createSymbolicLink(MEDIA.resolve("film.mkv"), victim);

    JsonPath failed = until(id, "FAILED", Duration.ofSeconds(180));

    assertThat(failed.getString("statusReason"))
        .isEqualTo("the new file could not be put in place; the input is as it was");
    assertThat(failed.getString("error")).contains("not overwritten");
    assertThat(MediaFiles.sha256(input)).isEqualTo(before);
    assertThat(Files.readSymbolicLink(link)).isEqualTo(victim);
    assertThat(Files.readString(victim)).isEqualTo("not to be overwritten");
    assertThat(RECYCLE.resolve("film.avi")).doesNotExist();
    assertThat(MediaFiles.partials(MEDIA)).isEmpty();
  }

  private static Path copyOfClip(String name, int seconds) throws Exception {
    return Files.copy(Clips.clip(MEDIA, "clip-" + seconds + "s.mkv", seconds), MEDIA.resolve(name));
  }

  private static int job(Path input, Profiles profile) {
    int id = profile.with("outputMode", "replace").create();
    return JobsFixture.job(Map.of("inputPath", input.toString(), "profileId", id));
  }
}
