package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.ffmpeg.EncoderProbe;
import io.optimizarr.encoder.ffmpeg.VideoCodec;
import io.optimizarr.encoder.queue.Capability;
import io.optimizarr.encoder.queue.JobFinished;
import io.optimizarr.encoder.queue.NodeCapabilities;
import io.optimizarr.encoder.queue.Outcome;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds what this node can encode and records it ({@link NodeCapabilities}): at start, before any
 * job is claimed, every profile encoder is judged — from ffmpeg's encoder list, the render nodes
 * and NVIDIA device present, and for each hardware encoder a test encode of a few frames on its
 * device ({@link EncoderProbe}). A hardware encoder that fails mid-job is marked failed at once and
 * probed again later ({@link #probeAgainIfFailed}).
 */
@ApplicationScoped
public class CapabilityProbe {

  static final Path DRI = Path.of("/dev/dri");
  static final Path NVIDIA = Path.of("/dev/nvidiactl");
  static final long TEST_SECONDS = 30;

  private final String ffmpeg;
  private final NodeCapabilities store;
  private final NodeIdentity node;
  private volatile boolean failedSinceProbe;

  CapabilityProbe(EncoderConfig config, NodeCapabilities store, NodeIdentity node) {
    this.ffmpeg = config.ffmpeg();
    this.store = store;
    this.node = node;
  }

  /** Judges every encoder now and records what was found; blocks (a few seconds at most). */
  public List<Capability> probe() {
    failedSinceProbe = false;
    var found = new ArrayList<Capability>();
    String listing = run(List.of(ffmpeg, "-hide_banner", "-encoders")).output();
    var plan =
        EncoderProbe.plan(EncoderProbe.encoders(listing), renderNodes(), Files.exists(NVIDIA));
    for (EncoderProbe.Step step : plan) {
      if (step instanceof EncoderProbe.Verdict v) {
        found.add(
            new Capability(
                v.target().codec().ffmpegName(), v.target().device(), v.ok(), v.detail()));
      } else {
        found.add(test((EncoderProbe.Target) step));
      }
    }
    store.probed(node.name(), found).await().atMost(Await.DATABASE);
    Log.infof(
        "Encoders on node %s: %s",
        node.name(),
        String.join(
            ", ", found.stream().filter(Capability::ok).map(CapabilityProbe::name).toList()));
    // One line for what is missing, grouped by why: "h264_nvenc, hevc_nvenc: no NVIDIA device…".
    var missing = new LinkedHashMap<String, List<String>>();
    found.stream()
        .filter(c -> !c.ok() && c.detail() != null && !c.detail().startsWith("this ffmpeg has no"))
        .forEach(c -> missing.computeIfAbsent(c.detail(), d -> new ArrayList<>()).add(name(c)));
    if (!missing.isEmpty()) {
      var said = new ArrayList<String>();
      missing.forEach((why, names) -> said.add(String.join(", ", names) + ": " + why));
      Log.infof("Not on node %s: %s", node.name(), String.join("; ", said));
    }
    return found;
  }

  /**
   * A job failed: where ffmpeg's words say its hardware encoder's device or driver failed, this
   * node claims no job needing that encoder there until a probe finds it working again.
   */
  void jobFinished(@Observes JobFinished finished) {
    if (finished.outcome() instanceof Outcome.Failed failed
        && VideoCodec.byName(finished.encoder())
            .map(c -> c.hardware() != VideoCodec.Hardware.NONE)
            .orElse(false)) {
      EncoderProbe.deviceFailure(failed.error())
          .ifPresent(
              words ->
                  failedMidJob(
                      finished.encoder(),
                      finished.device() == null ? "" : finished.device(),
                      words));
    }
  }

  private void failedMidJob(String encoder, String device, String words) {
    failedSinceProbe = true;
    store.failed(node.name(), encoder, device, words).await().atMost(Await.DATABASE);
    Log.warnf(
        "Node %s stops claiming %s jobs: %s",
        node.name(), name(new Capability(encoder, device, false, words)), words);
  }

  /** Probes again where a device failed since the last probe. */
  void probeAgainIfFailed() {
    if (failedSinceProbe) {
      try {
        probe();
      } catch (RuntimeException e) {
        Log.warnf("Could not probe the encoders again: %s", e.getMessage());
      }
    }
  }

  private Capability test(EncoderProbe.Target target) {
    var command = new ArrayList<String>(List.of(ffmpeg));
    command.addAll(EncoderProbe.testArguments(target));
    Ran ran = run(command);
    String name = target.codec().ffmpegName();
    if (ran.exit() == 0) {
      return new Capability(name, target.device(), true, "a test encode passed");
    }
    String words =
        EncoderProbe.deviceFailure(ran.output())
            .orElseGet(
                () -> lastLine(ran.output(), "the test encode failed (exit " + ran.exit() + ")"));
    return new Capability(name, target.device(), false, words);
  }

  private static String name(Capability c) {
    return c.device().isEmpty() ? c.encoder() : c.encoder() + " on " + c.device();
  }

  private static List<String> renderNodes() {
    if (!Files.isDirectory(DRI)) {
      return List.of();
    }
    try (Stream<Path> nodes = Files.list(DRI)) {
      return nodes
          .map(Path::toString)
          .filter(p -> p.startsWith("/dev/dri/renderD"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private record Ran(int exit, String output) {}

  /** Runs {@code command}, its output in a file (so a stalled driver cannot block a read). */
  private static Ran run(List<String> command) {
    Path out = null;
    try {
      out = Files.createTempFile("optimizarr-probe-", ".log");
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      boolean ended = p.waitFor(TEST_SECONDS, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String output = read(out);
      return ended
          ? new Ran(p.exitValue(), output)
          : new Ran(-1, output + "\nit took longer than " + TEST_SECONDS + " s");
    } catch (IOException e) {
      return new Ran(-1, "ffmpeg could not be started: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Ran(-1, "interrupted");
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temporary file left in /tmp
        }
      }
    }
  }

  private static String read(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      return new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8);
    }
  }

  private static String lastLine(String output, String otherwise) {
    String[] lines = output.strip().split("\n");
    String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
    return last.isEmpty() ? otherwise : last.length() > 300 ? last.substring(0, 300) : last;
  }
}
