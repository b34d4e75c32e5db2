package io.optimizarr.encoder.queue;

/**
 * Whether a node can encode with one encoder on one device ({@code ""} where the encoder names
 * none), and what its probe said: why not, in ffmpeg's or the driver's words.
 */
public record Capability(String encoder, String device, boolean ok, String detail) {

  /** {@code encoder@device}: what a job's profile needs, as {@link JobQueue#claimNext} matches. */
  public String key() {
    return key(encoder, device);
  }

  public static String key(String encoder, String device) {
    return encoder + "@" + (device == null ? "" : device);
  }
}
