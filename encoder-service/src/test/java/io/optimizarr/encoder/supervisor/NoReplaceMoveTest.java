package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoReplaceMoveTest {

  @TempDir Path dir;

  @Test
  void shouldMoveAFileToAFreeName() throws Exception {
    Path source = Files.writeString(dir.resolve("new.part"), "encoded");

    NoReplaceMove.move(source, dir.resolve("film.mkv"));

    assertThat(dir.resolve("film.mkv")).hasContent("encoded");
    assertThat(source).doesNotExist();
  }

  @Test
  void shouldLeaveAFileThatAppearedAtTheNameAsItIs() throws Exception {
    Path source = Files.writeString(dir.resolve("new.part"), "encoded");
    Path appeared = Files.writeString(dir.resolve("film.mkv"), "someone else's");

    assertThatThrownBy(() -> NoReplaceMove.move(source, appeared))
        .isInstanceOf(FileAlreadyExistsException.class)
        .hasMessageContaining("appeared while the job ran; not overwritten");
    assertThat(appeared).hasContent("someone else's");
    assertThat(source).hasContent("encoded");
  }

  @Test
  void shouldNeitherReplaceNorFollowALinkPlantedAtTheName() throws Exception {
    Path source = Files.writeString(dir.resolve("new.part"), "encoded");
    Path victim = Files.writeString(dir.resolve("original.mkv"), "the original");
    Path link = Files.createSymbolicLink(dir.resolve("film.mkv"), victim);
    Path dangling = Files.createSymbolicLink(dir.resolve("other.mkv"), dir.resolve("nowhere"));

    assertThatThrownBy(() -> NoReplaceMove.move(source, link))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThatThrownBy(() -> NoReplaceMove.move(source, dangling))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(victim).hasContent("the original");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.exists(dir.resolve("nowhere"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }
}
