package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.ffmpeg.AudioCodec;
import io.optimizarr.encoder.ffmpeg.Container;
import io.optimizarr.encoder.ffmpeg.EncodeSettings;
import io.optimizarr.encoder.ffmpeg.StreamPlan;
import io.optimizarr.encoder.ffmpeg.VideoCodec;
import io.optimizarr.encoder.process.CpuAffinity;
import io.optimizarr.encoder.settings.PriorityMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {

  static final EncodeSettings X265 =
      new EncodeSettings(
          VideoCodec.byName("libx265").orElseThrow(),
          24,
          "medium",
          AudioCodec.byName("copy").orElseThrow(),
          null,
          Container.MKV);

  static final Priority NICE_10_ON_0_1 =
      new Priority(PriorityMode.NICE, 10, CpuAffinity.parse("0-1", 2));

  static final Priority IDLE_ON_0_1 =
      new Priority(PriorityMode.IDLE, 19, CpuAffinity.parse("0-1", 2));

  static final List<String> ARGUMENTS =
      X265.arguments(
          Path.of("/media/in.mkv"),
          Path.of("/media/.out.mkv.optimizarr-7.part"),
          new StreamPlan(List.of(), 0, null));

  private static List<String> command(int ownNiceness, boolean setpriv) {
    return FfmpegCommand.of(
        "/usr/bin/ffmpeg",
        ARGUMENTS,
        NICE_10_ON_0_1,
        new FfmpegCommand.Host(ownNiceness, setpriv, Optional.empty()));
  }

  private static List<String> idle(Optional<Path> join) {
    return FfmpegCommand.of(
        "/usr/bin/ffmpeg", ARGUMENTS, IDLE_ON_0_1, new FfmpegCommand.Host(0, true, join));
  }

  @Test
  void shouldStartFfmpegBehindSetprivNiceAndTasksetWithTheArgumentsOfItsSettings() {
    List<String> command = command(0, true);

    assertThat(command.subList(0, 10))
        .containsExactly(
            "/usr/bin/setpriv",
            "--pdeathsig",
            "KILL",
            "--",
            "nice",
            "-n",
            "10",
            "taskset",
            "--cpu-list",
            "0-1");
    assertThat(command.get(10)).isEqualTo("/usr/bin/ffmpeg");
    assertThat(command.subList(11, command.size())).isEqualTo(ARGUMENTS);
  }

  @Test
  void shouldAskNiceForTheDifferenceFromTheServicesOwnNiceness() {
    assertThat(command(4, true)).containsSubsequence("nice", "-n", "6");
    assertThat(command(15, true)).containsSubsequence("nice", "-n", "-5");
  }

  @Test
  void shouldStartWithNiceWhereSetprivIsMissing() {
    assertThat(command(0, false).get(0)).isEqualTo("nice");
  }

  @Test
  void shouldStartAnIdleEncodeInASessionOfItsOwnInTheIdleClassAndCgroup() {
    List<String> command = idle(Optional.of(Path.of("/sys/fs/cgroup/cpu/enc/cgroup.procs")));

    assertThat(command.subList(0, 24))
        .containsExactly(
            "/usr/bin/setpriv",
            "--pdeathsig",
            "KILL",
            "--",
            "setsid",
            "/bin/sh",
            "-c",
            FfmpegCommand.PLACE,
            "optimizarr-place",
            "/sys/fs/cgroup/cpu/enc/cgroup.procs",
            "chrt",
            "--idle",
            "0",
            "nice",
            "-n",
            "19",
            "ionice",
            "-c",
            "3",
            "taskset",
            "--cpu-list",
            "0-1",
            "/usr/bin/ffmpeg",
            ARGUMENTS.get(0));
    assertThat(command.subList(23, command.size())).isEqualTo(ARGUMENTS);
  }

  @Test
  void shouldGiveTheCgroupToTheShellStepAsAnArgumentNeverInItsScript() {
    List<String> hostile = idle(Optional.of(Path.of("/tmp/x\"; rm -rf /; \"")));
    List<String> none = idle(Optional.empty());

    assertThat(hostile.get(7)).isEqualTo(none.get(7)).isEqualTo(FfmpegCommand.PLACE);
    assertThat(hostile.get(9)).isEqualTo("/tmp/x\"; rm -rf /; \"");
    assertThat(none.get(9)).isEmpty();
  }
}
