package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk folder beside a target, on the real file system: made private, used again only when it
 * is a real private folder of this user, never through a link planted at its name.
 */
class ChunkStoreTest {

  @TempDir Path dir;

  @Test
  void shouldMakeAPrivateFolderAndTakeChunksInWhole() throws Exception {
    Path output = dir.resolve("film.mkv");

    ChunkStore store = ChunkStore.open(output, 7);
    Path encoded = Files.write(dir.resolve("encoded.part"), new byte[1234]);
    long bytes = store.put(encoded, 2);

    assertThat(store.made()).isTrue();
    assertThat(store.folder).isEqualTo(dir.resolve(".optimizarr-chunks-7"));
    assertThat(Files.getPosixFilePermissions(store.folder))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(bytes).isEqualTo(1234);
    assertThat(encoded).doesNotExist();
    assertThat(store.size(2)).contains(1234L);
    assertThat(store.size(1)).isEmpty();
    assertThat(Files.readString(store.list(List.of(11.011, 10.01, Double.NaN))))
        .isEqualTo(
            "ffconcat version 1.0\nfile chunk-00000.mkv\nduration 11.011000\n"
                + "file chunk-00001.mkv\nduration 10.010000\nfile chunk-00002.mkv\n");
    ChunkStore again = ChunkStore.open(output, 7);
    assertThat(again.made()).isFalse();
    assertThat(again.size(2)).contains(1234L);

    ChunkStore.removeFor(output, 7);
    assertThat(store.folder).doesNotExist();
  }

  @Test
  void shouldRefuseALinkPlantedAtItsNameAndLeaveItsTargetAlone() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("precious"), "keep me");
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
    Files.createSymbolicLink(dir.resolve(".optimizarr-chunks-8"), elsewhere);

    assertThatThrownBy(() -> ChunkStore.open(dir.resolve("film.mkv"), 8))
        .isInstanceOf(ChunkStore.NotOurs.class)
        .hasMessageContaining("not a folder");
    ChunkStore.removeFor(dir.resolve("film.mkv"), 8);

    assertThat(elsewhere.resolve("precious")).hasContent("keep me");
    assertThat(Files.isSymbolicLink(dir.resolve(".optimizarr-chunks-8"))).isTrue();
  }

  @Test
  void shouldRefuseAFolderOthersMayWriteIn() throws Exception {
    Path open = Files.createDirectory(dir.resolve(".optimizarr-chunks-9"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> ChunkStore.open(dir.resolve("film.mkv"), 9))
        .isInstanceOf(ChunkStore.NotOurs.class)
        .hasMessageContaining("not mode 0700");
    ChunkStore.removeFor(dir.resolve("film.mkv"), 9);
    assertThat(Files.isDirectory(open, LinkOption.NOFOLLOW_LINKS)).isTrue();
  }
}
