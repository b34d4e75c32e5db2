package io.optimizarr.monitor.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code NvmlCheck record} writes on a GPU host is what the tests replay: the recorder's
 * answers, read back, give the probe the same processes as the answers it recorded.
 */
class NvmlRecorderTest {

  private static final RecordedNvml.Device GPU =
      new RecordedNvml.Device(
          "NVIDIA GeForce RTX 4070", "GPU-0d9b", 63, 12_878_610_432L, 0L, 0L, 66, 1, 85, 18);

  @Test
  void shouldWriteAnswersThatReplayAsTheyWereGiven() {
    var driver = new RecordedNvml(List.of(GPU));
    driver.answers = RecordedAnswers.resource("rtx4070-nvenc-beside-others.txt");
    long at = driver.answers.readAtMicros(0);
    var recorder = new NvmlRecorder(driver, () -> at);
    var live = NvmlGpuProbe.initialise(recorder, () -> at).orElseThrow().sample();
    var written = new ByteArrayOutputStream();
    recorder.writeTo(new PrintStream(written, true, StandardCharsets.UTF_8));

    var replayed = new RecordedNvml(List.of(GPU));
    replayed.answers = RecordedAnswers.parse(written.toString(StandardCharsets.UTF_8));
    var again = NvmlGpuProbe.initialise(replayed, () -> at).orElseThrow().sample();

    assertThat(again.get(0).processes()).hasSize(3).isEqualTo(live.get(0).processes());
    assertThat(written.toString(StandardCharsets.UTF_8))
        .contains("function=nvmlDeviceGetEncoderSessions sessionId=7 pid=41872")
        .contains("usedGpuMemory=18446744073709551615");
  }
}
