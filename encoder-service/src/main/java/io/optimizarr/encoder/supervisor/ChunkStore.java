package io.optimizarr.encoder.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a segmented encode keeps its finished chunks between runs (issue 19): a folder beside the
 * target, named for the job, so that the next run — after a restart, a crash or on another node
 * that shares the library — finds them. A chunk enters it whole (encoded in the run's {@link
 * WorkFolder}, written to disk, then renamed in), so a file in it is never half-written. Made with
 * mode 0700; a folder found under its name is used only if it is a real folder of this service's
 * user that nobody else may enter, so nothing in it can have been placed by anyone else and no link
 * planted at its name is followed.
 */
final class ChunkStore {

  /** Every store's name starts so, then the job's id. */
  static final String PREFIX = ".optimizarr-chunks-";

  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

  /** The concat demuxer's list of the chunks, in order, by name. */
  static final String LIST = "chunks.txt";

  /** A folder has the store's name but is not one this service may use. */
  static final class NotOurs extends IOException {
    NotOurs(String message) {
      super(message);
    }
  }

  final Path folder;
  private final boolean made;

  private ChunkStore(Path folder, boolean made) {
    this.folder = folder;
    this.made = made;
  }

  /** Whether this run made the store: there was none, so nothing in it is an earlier run's. */
  boolean made() {
    return made;
  }

  /** Where the store of job {@code jobId} writing {@code output} lies. */
  static Path folderFor(Path output, long jobId) {
    return output.resolveSibling(PREFIX + jobId);
  }

  /**
   * The job's store, made when there is none.
   *
   * @throws NotOurs when something else has its name: a link, a file, another user's folder, or one
   *     that others may write in
   */
  static ChunkStore open(Path output, long jobId) throws IOException {
    Path folder = folderFor(output, jobId);
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      return new ChunkStore(folder, true);
    }
    return checked(folder);
  }

  /**
   * The job's store as its run made it, for a node that helps with the run's shared encode.
   *
   * @throws NotOurs when there is none, or something else has its name
   */
  static ChunkStore existing(Path output, long jobId) throws IOException {
    Path folder = folderFor(output, jobId);
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotOurs(folder + " is not there: the job's run has no chunk folder");
    }
    return checked(folder);
  }

  private static ChunkStore checked(Path folder) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isDirectory()) {
      throw new NotOurs(folder + " is not a folder (a link or a file has its name)");
    }
    int owner = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (owner != self) {
      throw new NotOurs(folder + " belongs to user " + owner + ", not to this service's " + self);
    }
    if (!Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
      throw new NotOurs(folder + " may be entered by others (not mode 0700)");
    }
    return new ChunkStore(folder, false);
  }

  /** The file of chunk {@code index}. */
  Path chunk(int index) {
    return folder.resolve(name(index));
  }

  private static String name(int index) {
    return String.format(Locale.ROOT, "chunk-%05d.mkv", index);
  }

  /** The size of chunk {@code index}'s file, if there is one (a regular file, not a link). */
  Optional<Long> size(int index) throws IOException {
    Path chunk = chunk(index);
    if (!Files.exists(chunk, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    BasicFileAttributes attributes =
        Files.readAttributes(chunk, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return attributes.isRegularFile() ? Optional.of(attributes.size()) : Optional.empty();
  }

  /**
   * Takes in chunk {@code index}, whole: written to disk, renamed over any earlier file of that
   * index (one a run left unrecorded), the folder's entry written to disk. Its size.
   */
  long put(Path encoded, int index) throws IOException {
    ReplaceFiles.sync(encoded);
    Files.move(encoded, chunk(index), StandardCopyOption.ATOMIC_MOVE);
    ReplaceFiles.syncFolder(folder);
    return size(index).orElseThrow();
  }

  /**
   * Removes chunk {@code index}'s file, one this node put in that nobody recorded (the job ended
   * meanwhile), and the folder if nothing else is left in it.
   */
  void withdraw(int index) throws IOException {
    Files.deleteIfExists(chunk(index));
    try (var entries = Files.list(folder)) {
      if (entries.findAny().isEmpty()) {
        Files.deleteIfExists(folder);
      }
    }
  }

  /** Removes every chunk, to start over. */
  void clear() throws IOException {
    try (var entries = Files.list(folder)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        Files.delete(entry);
      }
    }
  }

  /**
   * Writes the concat demuxer's list of the chunks, in order, each but the last with its exact
   * length ({@code seconds}: from its first frame to the next chunk's, in the input's times), so
   * that each chunk starts exactly where it starts in the input: the lengths the chunks' own files
   * give are rounded (Matroska keeps milliseconds), and rounding would add up along a long film.
   * Its path.
   */
  Path list(List<Double> seconds) throws IOException {
    var list = new StringBuilder("ffconcat version 1.0\n");
    for (int i = 0; i < seconds.size(); i++) {
      list.append("file ").append(name(i)).append('\n');
      if (i + 1 < seconds.size()) {
        list.append(String.format(Locale.ROOT, "duration %.6f%n", seconds.get(i)));
      }
    }
    return Files.writeString(folder.resolve(LIST), list, StandardCharsets.UTF_8);
  }

  /**
   * Removes the store of job {@code jobId} beside {@code output}, if there is one of ours: the job
   * is over (done, failed, cancelled), or starts over.
   */
  static void removeFor(Path output, long jobId) {
    Path folder = folderFor(output, jobId);
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      open(output, jobId);
    } catch (IOException notOurs) {
      return;
    }
    WorkFolder.removeTree(folder);
  }
}
