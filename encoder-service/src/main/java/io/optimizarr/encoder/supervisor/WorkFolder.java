package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.queue.Claim;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A job's private folder beside its target, where ffmpeg writes: made fresh for each run (mode
 * 0700, a name with 64 random bits that no viewer of the job list can guess), so nothing in it can
 * have been placed by anyone else — a link planted at the temporary file's name cannot make an
 * encode write through it. Only this service's user can add to it.
 */
final class WorkFolder {

  /** Every work folder's name starts so, then the job's id, a dash and the random part. */
  static final String PREFIX = ".optimizarr-";

  private static final SecureRandom RANDOM = new SecureRandom();

  final Path folder;

  /** The file ffmpeg writes: the target's name with {@code .part}, inside the folder. */
  final Path temporary;

  private WorkFolder(Path folder, Path temporary) {
    this.folder = folder;
    this.temporary = temporary;
  }

  /** Makes the folder beside {@code output}; fails if anything, a link included, has its name. */
  static WorkFolder create(Path output, long jobId) throws IOException {
    return create(output, jobId + "-");
  }

  /**
   * Makes the folder of a run under {@code claim} beside {@code output}, its name carrying the
   * claim's token: a node that takes the job from a lost node removes that run's folder, and never
   * the folder of a run that claimed the job after it.
   */
  static WorkFolder create(Path output, Claim claim) throws IOException {
    return claim.token() == null
        ? create(output, claim.jobId())
        : create(output, claim.jobId() + "-" + claim.token() + "-");
  }

  /**
   * Makes the folder of a node's take of a shared chunk beside {@code output} ({@link ChunkHelp}),
   * its name carrying the take's token after a {@code c}: a node that takes the chunk again after
   * this one was lost removes it, and never the folder of a run of the job.
   */
  static WorkFolder forChunk(Path output, long jobId, long token) throws IOException {
    return create(output, jobId + "-c" + token + "-");
  }

  /** The work folders the take of a shared chunk with {@code token} left beside {@code output}. */
  static List<Path> leftByChunk(Path output, long jobId, long token) {
    return leftBy(PREFIX + jobId + "-c" + token + "-*", output);
  }

  private static WorkFolder create(Path output, String run) throws IOException {
    byte[] random = new byte[8];
    RANDOM.nextBytes(random);
    Path folder = output.resolveSibling(PREFIX + run + HexFormat.of().formatHex(random));
    Files.createDirectory(
        folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return new WorkFolder(folder, folder.resolve(output.getFileName() + ".part"));
  }

  /** Removes the temporary file, if it is still there, and the folder. */
  void remove() {
    removeTree(folder);
  }

  /** The work folders a run of job {@code jobId} left beside {@code output}: real folders only. */
  static List<Path> leftBy(long jobId, Path output) {
    return leftBy(PREFIX + jobId + "-*", output);
  }

  /**
   * The work folders the run under {@code claim} left beside {@code output}: those named with its
   * token, and those of runs before claims had tokens (V14); never a later claim's.
   */
  static List<Path> leftBy(Claim claim, Path output) {
    String run = "\\.optimizarr-" + claim.jobId() + "-";
    String mine = run + (claim.token() == null ? "" : "(" + claim.token() + "-)?") + "[0-9a-f]{16}";
    return leftBy(claim.jobId(), output).stream()
        .filter(folder -> folder.getFileName().toString().matches(mine))
        .toList();
  }

  private static List<Path> leftBy(String glob, Path output) {
    var found = new ArrayList<Path>();
    Path parent = output.getParent();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, glob)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          found.add(entry);
        }
      }
    } catch (IOException e) {
      Log.warnf("Could not look for work folders in %s: %s", parent, e.getMessage());
    }
    return found;
  }

  /**
   * Deletes what is in {@code folder} (links themselves, never what they point to) and the folder.
   * One level: a run only ever writes one file there.
   */
  static void removeTree(Path folder) {
    try {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
        for (Path entry : entries) {
          Files.delete(entry);
        }
      }
      Files.delete(folder);
    } catch (IOException e) {
      Log.warnf("Could not remove %s: %s", folder, e.getMessage());
    }
  }
}
