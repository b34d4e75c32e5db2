package io.optimizarr.monitor.host;

import io.optimizarr.model.CpuPulse;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Takes one {@link CpuPulse} per call, over the time since the previous call: the first row of
 * {@code /proc/stat} and the {@code some} total of {@code /proc/pressure/cpu}, each read into one
 * small buffer. Both are a few hundred bytes, so several calls a second cost little. Not
 * thread-safe: exactly one pulse thread calls it.
 */
public final class PulseSampler {

  /** The {@code cpu} row is the first, far shorter than this. */
  private static final int STAT_HEAD_BYTES = 512;

  private final Path stat;
  private final Optional<Path> pressure;
  private final byte[] buffer = new byte[STAT_HEAD_BYTES];
  private long seq;
  private long previousNanos;
  private long[] previousTicks;
  private Long previousStallMicros;

  /**
   * @param proc the {@code /proc} to read; CPU pressure is left out where it has none
   */
  public PulseSampler(Path proc) {
    this.stat = proc.resolve("stat");
    Path cpuPressure = proc.resolve("pressure/cpu");
    this.pressure = Files.isReadable(cpuPressure) ? Optional.of(cpuPressure) : Optional.empty();
    restart();
  }

  /** Starts a new window now: the next pulse covers the time from this call. */
  public void restart() {
    previousNanos = System.nanoTime();
    previousTicks = readTicks();
    previousStallMicros = readStallMicros();
  }

  public CpuPulse sample() {
    long now = System.nanoTime();
    long[] ticks = readTicks();
    Long stall = readStallMicros();
    double seconds = Math.max(1e-3, (now - previousNanos) / 1e9);
    Double stalled =
        stall == null || previousStallMicros == null
            ? null
            : Math.min(100.0, Math.max(0, stall - previousStallMicros) / (seconds * 1e4));
    var pulse =
        new CpuPulse(
            ++seq, Instant.now(), seconds, CpuTicks.busyPercent(previousTicks, ticks), stalled);
    previousNanos = now;
    previousTicks = ticks;
    previousStallMicros = stall;
    return pulse;
  }

  private long[] readTicks() {
    try (var in = new FileInputStream(stat.toFile())) {
      int length = in.readNBytes(buffer, 0, buffer.length);
      return parseCpuRow(new String(buffer, 0, length, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Long readStallMicros() {
    if (pressure.isEmpty()) {
      return null;
    }
    try (var in = new FileInputStream(pressure.get().toFile())) {
      int length = in.readNBytes(buffer, 0, buffer.length);
      return parseSomeTotal(new String(buffer, 0, length, StandardCharsets.US_ASCII));
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * The whole machine's row of {@code /proc/stat}, which comes first: its ticks as CpuTicks has.
   */
  static long[] parseCpuRow(String head) {
    int end = head.indexOf('\n');
    return CpuTicks.parse(List.of(end < 0 ? head : head.substring(0, end))).total();
  }

  /**
   * Microseconds in which at least one runnable thread waited for a core, since boot: {@code
   * total=} of the {@code some} line.
   */
  static long parseSomeTotal(String pressure) {
    for (String line : pressure.split("\n")) {
      if (line.startsWith("some ")) {
        int at = line.indexOf("total=");
        if (at >= 0) {
          return Long.parseLong(line.substring(at + "total=".length()).trim());
        }
      }
    }
    throw new IllegalArgumentException("no some total in the CPU pressure figures");
  }
}
