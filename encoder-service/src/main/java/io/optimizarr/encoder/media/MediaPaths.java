package io.optimizarr.encoder.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks job paths against the media roots (inputs) and output roots (outputs). Every check is on
 * the real path, after symlinks, so a link inside a root that points outside it is refused.
 * Relative paths are taken relative to the first root. Thread-safe.
 */
public final class MediaPaths {

  public static final String INPUT = "inputPath";
  public static final String OUTPUT = "outputPath";

  /** Linux's limits: NAME_MAX for one name, PATH_MAX for the whole path. */
  static final int MAX_NAME_BYTES = 255;

  static final int MAX_PATH_BYTES = 4095;

  private final List<Path> mediaRoots;
  private final List<Path> outputRoots;

  public MediaPaths(List<Path> mediaRoots, List<Path> outputRoots) {
    this.mediaRoots = realRoots(mediaRoots);
    this.outputRoots = realRoots(outputRoots);
  }

  public List<Path> mediaRoots() {
    return mediaRoots;
  }

  public List<Path> outputRoots() {
    return outputRoots;
  }

  /** The real path of an existing regular file inside a media root. */
  public Path input(String raw) {
    Path path = lexical(INPUT, raw, mediaRoots);
    if (!Files.exists(path)) {
      throw new PathProblem(INPUT, INPUT + " " + path + " does not exist", false);
    }
    Path real = realInMediaRoots(INPUT, path);
    if (!Files.isRegularFile(real)) {
      throw new PathProblem(INPUT, INPUT + " " + path + " is not a regular file", false);
    }
    return real;
  }

  /** The real path of an existing folder inside a media root ({@code field} names it in errors). */
  public Path folder(String field, String raw) {
    Path path = lexical(field, raw, mediaRoots);
    if (!Files.isDirectory(path)) {
      throw new PathProblem(field, field + " " + path + " is not an existing folder", false);
    }
    return realInMediaRoots(field, path);
  }

  /** The real path of {@code path}, refused when a link leads it out of the media roots. */
  private Path realInMediaRoots(String field, Path path) {
    Path real = real(field, path);
    if (!inside(real, mediaRoots)) {
      throw new PathProblem(
          field, field + " " + path + " resolves to " + real + ", outside the media roots", false);
    }
    return real;
  }

  /**
   * Where the output of {@code input} goes: {@code raw} where given, else beside the input with the
   * container's extension. Its folder must exist inside an output root; it is never the input; an
   * existing file is refused unless {@code overwrite}.
   */
  public Path output(String raw, Path input, String containerExtension, boolean overwrite) {
    Path path =
        raw == null || raw.isBlank()
            ? besideInput(input, containerExtension)
            : lexical(OUTPUT, raw, outputRoots);
    Path folder = path.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new PathProblem(
          OUTPUT, "the folder of " + OUTPUT + " " + path + " does not exist", false);
    }
    Path target = real(OUTPUT, folder).resolve(path.getFileName());
    if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      target = real(OUTPUT, target);
    }
    if (!inside(target, outputRoots)) {
      throw new PathProblem(
          OUTPUT,
          OUTPUT + " " + path + " resolves to " + target + ", outside the output roots",
          false);
    }
    if (target.equals(input)) {
      throw new PathProblem(OUTPUT, OUTPUT + " " + path + " is the input itself", false);
    }
    if (Files.isDirectory(target)) {
      throw new PathProblem(OUTPUT, OUTPUT + " " + path + " is a folder", false);
    }
    if (!overwrite && Files.exists(target)) {
      throw new PathProblem(
          OUTPUT, OUTPUT + " " + path + " exists; send overwrite: true to replace it", true);
    }
    return target;
  }

  /**
   * Where a replace-mode job's output goes: the input's own place, under the container's extension
   * ({@code film.avi} → {@code film.mkv}; {@code film.mkv} stays {@code film.mkv}). The input's
   * folder must lie inside an output root; a file (or link) already at a new name is refused as a
   * conflict: a replace never overwrites anything but its own input, which it keeps in the recycle.
   *
   * @param input a real path, as {@link #input} gives it
   */
  public Path replacing(Path input, String containerExtension) {
    Path target = input.resolveSibling(stem(input) + "." + containerExtension);
    if (!inside(target, outputRoots)) {
      throw new PathProblem(
          INPUT,
          "a replace writes in the folder of " + input + ", which is outside the output roots",
          false);
    }
    if (!target.equals(input) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new PathProblem(
          OUTPUT,
          "the replaced file's new name "
              + target
              + " is taken; a replace never overwrites another file",
          true);
    }
    return target;
  }

  /** The media root that holds {@code real} (a real path), if one does. */
  public Optional<Path> mediaRootOf(Path real) {
    return mediaRoots.stream().filter(real::startsWith).findFirst();
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** {@code name.ext} beside the input; {@code name.optimized.ext} where that is the input. */
  static Path besideInput(Path input, String extension) {
    String stem = stem(input);
    Path output = input.resolveSibling(stem + "." + extension);
    return output.equals(input) ? input.resolveSibling(stem + ".optimized." + extension) : output;
  }

  private static Path lexical(String field, String raw, List<Path> roots) {
    if (raw == null || raw.isBlank()) {
      throw new PathProblem(field, field + " is required", false);
    }
    if (raw.indexOf('\0') >= 0) {
      throw new PathProblem(field, field + " contains a NUL character", false);
    }
    if (bytes(raw) > MAX_PATH_BYTES) {
      throw new PathProblem(field, field + " is longer than " + MAX_PATH_BYTES + " bytes", false);
    }
    Path path = Path.of(raw);
    for (Path part : path) {
      if (part.toString().equals("..")) {
        throw new PathProblem(field, field + " may not contain '..'", false);
      }
      if (bytes(part.toString()) > MAX_NAME_BYTES) {
        throw new PathProblem(
            field, field + " has a name longer than " + MAX_NAME_BYTES + " bytes", false);
      }
    }
    if (!path.isAbsolute()) {
      if (roots.isEmpty()) {
        throw new PathProblem(field, field + " must be absolute: no root is configured", false);
      }
      path = roots.get(0).resolve(path);
    }
    return path.normalize();
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Path real(String field, Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new PathProblem(
          field, field + " " + path + " cannot be resolved: " + e.getMessage(), false);
    }
  }

  private static boolean inside(Path real, List<Path> roots) {
    return roots.stream().anyMatch(real::startsWith);
  }

  private static List<Path> realRoots(List<Path> roots) {
    var real = new ArrayList<Path>();
    for (Path root : roots) {
      try {
        real.add(root.toAbsolutePath().toRealPath());
      } catch (IOException missing) {
        // A root that does not exist yet cannot hold files; it is left out rather than trusted.
      }
    }
    return List.copyOf(real);
  }
}
