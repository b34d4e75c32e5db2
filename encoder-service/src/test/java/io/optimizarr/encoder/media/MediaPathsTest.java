package io.optimizarr.encoder.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real files, folders and symlinks in a temporary tree. */
class MediaPathsTest {

  @TempDir Path tmp;
  Path media;
  Path outside;
  Path movie;
  MediaPaths paths;

  @BeforeEach
  void tree() throws IOException {
    media = Files.createDirectories(tmp.resolve("media/films"));
    outside = Files.createDirectories(tmp.resolve("private"));
    movie = Files.writeString(media.resolve("movie.mkv"), "not really a film");
    Files.writeString(outside.resolve("secret.mkv"), "secret");
    paths = new MediaPaths(List.of(tmp.resolve("media")), List.of(tmp.resolve("media")));
  }

  private static void refused(Runnable call, String field, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            PathProblem.class,
            p -> {
              assertThat(p.field()).isEqualTo(field);
              assertThat(p.conflict()).isFalse();
            })
        .hasMessageContaining(message);
  }

  @Test
  void shouldAcceptAnInputInsideAMediaRootByAbsoluteOrRelativePath() throws IOException {
    assertThat(paths.input(movie.toString())).isEqualTo(movie.toRealPath());
    assertThat(paths.input("films/movie.mkv")).isEqualTo(movie.toRealPath());
  }

  @Test
  void shouldRefuseInputsOutsideTheRootsMissingOrWithDotDot() {
    refused(
        () -> paths.input(outside.resolve("secret.mkv").toString()),
        "inputPath",
        "outside the media roots");
    refused(
        () -> paths.input(media.resolve("../../private/secret.mkv").toString()),
        "inputPath",
        "'..'");
    refused(
        () -> paths.input(media.resolve("absent.mkv").toString()), "inputPath", "does not exist");
    refused(() -> paths.input(media.toString()), "inputPath", "not a regular file");
    refused(() -> paths.input(" "), "inputPath", "is required");
  }

  @Test
  void shouldRefuseASymlinkThatEscapesTheRoot() throws IOException {
    Path link =
        Files.createSymbolicLink(media.resolve("innocent.mkv"), outside.resolve("secret.mkv"));
    Path folderLink = Files.createSymbolicLink(media.resolve("more"), outside);

    refused(() -> paths.input(link.toString()), "inputPath", "outside the media roots");
    refused(
        () -> paths.input(folderLink.resolve("secret.mkv").toString()),
        "inputPath",
        "outside the media roots");
    refused(
        () -> paths.output(folderLink.resolve("out.mkv").toString(), movie, "mkv", false),
        "outputPath",
        "outside the output roots");
  }

  @Test
  void shouldPutTheDefaultOutputBesideTheInputNeverOnIt() throws IOException {
    Path input = paths.input(movie.toString());

    assertThat(paths.output(null, input, "mp4", false))
        .isEqualTo(media.toRealPath().resolve("movie.mp4"));
    assertThat(paths.output(null, input, "mkv", false))
        .isEqualTo(media.toRealPath().resolve("movie.optimized.mkv"));
    refused(
        () -> paths.output(movie.toString(), input, "mkv", true),
        "outputPath",
        "is the input itself");
  }

  @Test
  void shouldRefuseAnExistingOutputAsAConflictUnlessOverwriting() throws IOException {
    Path input = paths.input(movie.toString());
    Path existing = Files.writeString(media.resolve("movie.mp4"), "old");

    assertThatThrownBy(() -> paths.output(null, input, "mp4", false))
        .isInstanceOfSatisfying(PathProblem.class, p -> assertThat(p.conflict()).isTrue())
        .hasMessageContaining("overwrite");
    assertThat(paths.output(null, input, "mp4", true)).isEqualTo(existing.toRealPath());
  }

  @Test
  void shouldRefuseAnOutputWhoseFolderIsMissingOrOutsideTheRoots() {
    refused(
        () -> paths.output(media.resolve("new/out.mkv").toString(), movie, "mkv", false),
        "outputPath",
        "does not exist");
    refused(
        () -> paths.output(outside.resolve("out.mkv").toString(), movie, "mkv", false),
        "outputPath",
        "outside the output roots");
  }
}
