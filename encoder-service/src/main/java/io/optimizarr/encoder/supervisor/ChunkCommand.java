package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.SegmentPlan;
import io.optimizarr.encoder.ffmpeg.StreamDecision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg arguments that encode one chunk of a job's film, and their SHA-256: a node that helps
 * with another node's shared encode makes them again from the job, its profile and its own probe of
 * the input, and encodes the chunk only if they come out the same as the run that offered it made
 * them (the same encoder, options and cut), so every chunk of a film is encoded alike.
 */
final class ChunkCommand {

  /** The output named in the arguments a digest is taken of: each node writes its own. */
  private static final Path ANY_OUTPUT = Path.of("chunk.mkv.part");

  private ChunkCommand() {}

  /** The file a chunk is encoded into, in the work folder {@code folder}, before it is checked. */
  static Path part(Path folder, int index) {
    return folder.resolve(String.format(Locale.ROOT, "chunk-%05d.mkv.part", index));
  }

  static List<String> arguments(
      EncodeRun.Job job, StreamDecision film, SegmentPlan.Segment segment, Path output) {
    return job.settings().chunkArguments(job.input(), segment, film, output);
  }

  static String sha256(EncodeRun.Job job, StreamDecision film, SegmentPlan.Segment segment) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String argument : arguments(job, film, segment, ANY_OUTPUT)) {
        digest.update(argument.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
