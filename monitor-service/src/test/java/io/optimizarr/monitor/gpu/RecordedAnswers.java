package io.optimizarr.monitor.gpu;

import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NVML's answers to the per-process calls, read from a file in {@link NvmlRecorder}'s format (what
 * {@code NvmlCheck record} writes on a GPU host): per GPU and function the last call's status, its
 * entries' fields, and the time of the call.
 */
final class RecordedAnswers {

  /** One call's answer: its status and, on SUCCESS, its entries (field name to unsigned value). */
  record Answer(int status, long atMicros, List<Map<String, Long>> entries) {}

  private final Map<String, Answer> answers;

  private RecordedAnswers(Map<String, Answer> answers) {
    this.answers = answers;
  }

  static RecordedAnswers none() {
    return new RecordedAnswers(Map.of());
  }

  /** A test resource under {@code nvml/}. */
  static RecordedAnswers resource(String name) {
    try (InputStream in = RecordedAnswers.class.getResourceAsStream("/nvml/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource nvml/" + name);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static RecordedAnswers parse(String text) {
    var answers = new HashMap<String, Answer>();
    for (String line : text.split("\n")) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String kind = line.substring(0, line.indexOf(' '));
      Map<String, String> fields = fields(line.substring(kind.length() + 1));
      String key = fields.remove("gpu") + " " + fields.remove("function");
      if (kind.equals("call")) {
        answers.put(
            key,
            new Answer(
                Integer.parseInt(fields.get("status")),
                Long.parseLong(fields.get("at")),
                new ArrayList<>()));
      } else if (kind.equals("entry")) {
        var entry = new LinkedHashMap<String, Long>();
        fields.forEach((name, value) -> entry.put(name, Long.parseUnsignedLong(value)));
        answers.get(key).entries().add(entry);
      } else {
        throw new IllegalArgumentException("not a recorded answer: " + line);
      }
    }
    return new RecordedAnswers(answers);
  }

  private static Map<String, String> fields(String text) {
    var fields = new LinkedHashMap<String, String>();
    for (String pair : text.trim().split("\\s+")) {
      int equals = pair.indexOf('=');
      fields.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return fields;
  }

  /** The answer of GPU {@code gpu} to {@code function}; null when none was recorded. */
  Answer of(int gpu, String function) {
    return answers.get(gpu + " " + function);
  }

  /** When the utilisation of GPU {@code gpu} was read: the probe's clock to replay it with. */
  long readAtMicros(int gpu) {
    return of(gpu, "nvmlDeviceGetProcessUtilization").atMicros();
  }

  /**
   * Where nvml.h's C structures hold each field, written here from the header, not from the JNA
   * structures: the replay writes the driver's bytes at these offsets, so a JNA structure laid out
   * otherwise reads wrong figures.
   */
  record Layout(int size, Map<String, int[]> fields) {

    private static final Map<String, Layout> BY_FUNCTION =
        Map.of(
            // unsigned int pid; (pad 4) unsigned long long timeStamp; unsigned int smUtil,
            // memUtil, encUtil, decUtil
            "nvmlDeviceGetProcessUtilization",
            new Layout(
                32,
                Map.of(
                    "pid", new int[] {0, 4},
                    "timeStamp", new int[] {8, 8},
                    "smUtil", new int[] {16, 4},
                    "memUtil", new int[] {20, 4},
                    "encUtil", new int[] {24, 4},
                    "decUtil", new int[] {28, 4})),
            // unsigned int pid; (pad 4) unsigned long long usedGpuMemory; unsigned int
            // gpuInstanceId, computeInstanceId
            "nvmlDeviceGetComputeRunningProcesses_v3",
            processInfo(),
            "nvmlDeviceGetGraphicsRunningProcesses_v3",
            processInfo(),
            // eight unsigned ints
            "nvmlDeviceGetEncoderSessions",
            new Layout(
                32,
                Map.of(
                    "sessionId", new int[] {0, 4},
                    "pid", new int[] {4, 4},
                    "vgpuInstance", new int[] {8, 4},
                    "codecType", new int[] {12, 4},
                    "hResolution", new int[] {16, 4},
                    "vResolution", new int[] {20, 4},
                    "averageFps", new int[] {24, 4},
                    "averageLatency", new int[] {28, 4})));

    private static Layout processInfo() {
      return new Layout(
          24,
          Map.of(
              "pid", new int[] {0, 4},
              "usedGpuMemory", new int[] {8, 8},
              "gpuInstanceId", new int[] {16, 4},
              "computeInstanceId", new int[] {20, 4}));
    }

    static Layout of(String function) {
      return BY_FUNCTION.get(function);
    }

    /** Writes entry {@code i} of an array that starts at {@code base}, as the driver would. */
    void write(Map<String, Long> entry, Pointer base, int i) {
      entry.forEach(
          (name, value) -> {
            int[] at = fields.get(name);
            if (at[1] == 4) {
              base.setInt((long) i * size + at[0], (int) (long) value);
            } else {
              base.setLong((long) i * size + at[0], value);
            }
          });
    }
  }
}
