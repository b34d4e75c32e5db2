package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkFolderTest {

  @TempDir Path dir;

  @Test
  void shouldMakeAPrivateFolderOfAnUnguessableNameForEachRun() throws Exception {
    Path output = dir.resolve("film.mkv");

    WorkFolder first = WorkFolder.create(output, 7);
    WorkFolder second = WorkFolder.create(output, 7);

    assertThat(first.folder.getFileName().toString()).matches("\\.optimizarr-7-[0-9a-f]{16}");
    assertThat(second.folder).isNotEqualTo(first.folder);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.folder)))
        .isEqualTo("rwx------");
    assertThat(first.temporary).isEqualTo(first.folder.resolve("film.mkv.part"));
  }

  @Test
  void shouldFindOnlyRealFoldersOfTheJobAndRemoveLinksInThemNotWhatTheyPointTo() throws Exception {
    Path output = dir.resolve("film.mkv");
    WorkFolder left = WorkFolder.create(output, 7);
    Path kept = Files.writeString(dir.resolve("kept.mkv"), "not ours to delete");
    Files.createSymbolicLink(left.folder.resolve("planted"), kept);
    Files.createDirectory(dir.resolve(".optimizarr-8-0000"));
    Files.createSymbolicLink(dir.resolve(".optimizarr-7-link"), dir.resolve(".optimizarr-8-0000"));

    assertThat(WorkFolder.leftBy(7, output)).containsExactly(left.folder);

    WorkFolder.leftBy(7, output).forEach(WorkFolder::removeTree);

    assertThat(left.folder).doesNotExist();
    assertThat(kept).hasContent("not ours to delete");
    assertThat(dir.resolve(".optimizarr-8-0000")).isDirectory();
  }
}
