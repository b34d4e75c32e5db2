package io.optimizarr.encoder.ffmpeg;

import io.optimizarr.encoder.testing.Clips;
import io.optimizarr.encoder.testing.EncoderHelp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hardware profile's argument list checked against this machine's ffmpeg: the quality option
 * and its range, the presets and the options given to the film are ones the encoder (or every
 * encoder) takes, as {@code ffmpeg -h encoder=NAME} lists them; the uploaded pixel formats ones the
 * device takes; and ffmpeg itself parses the whole list, stopping only where this machine has no
 * device. An encoder this ffmpeg lacks (AV1 on VAAPI and Quick Sync came with ffmpeg 6) is named,
 * and must be missing from {@code ffmpeg -encoders} too: the node's capability probe reports it
 * absent, not broken.
 */
class HardwareArgumentsTest {

  @TempDir static Path dir;

  /** Options of ffmpeg's command line itself, not of an encoder. */
  private static final Set<String> COMMAND_LINE =
      Set.of("c", "filter", "fps_mode", "disposition", "metadata", "map", "pix_fmt");

  private static final MediaProbe PROBE = new MediaProbe("ffprobe", Duration.ofSeconds(30));

  @Test
  void shouldGiveEachHardwareEncoderOnlyWhatItsFfmpegTakes() throws Exception {
    Path clip = Clips.clip(dir, "clip-2s.mkv", 2);
    MediaProbe.Media in = PROBE.probeForPlan(clip);
    EncoderHelp every = EncoderHelp.everyEncoder();
    String encoders = output(List.of("ffmpeg", "-hide_banner", "-encoders"));
    var absent = new ArrayList<String>();
    var soft = new SoftAssertions();
    for (VideoCodec codec : VideoCodec.values()) {
      if (codec.hardware() == VideoCodec.Hardware.NONE) {
        continue;
      }
      var help = EncoderHelp.encoder(codec.ffmpegName());
      if (help.isEmpty()) {
        absent.add(codec.ffmpegName());
        soft.assertThat(encoders)
            .as("listed though -h knows it not")
            .doesNotContain(" " + codec.ffmpegName() + " ");
        continue;
      }
      String name = codec.ffmpegName();
      var quality =
          help.get().option(codec.qualityOption()).or(() -> every.option(codec.qualityOption()));
      soft.assertThat(quality).as(name + " " + codec.qualityOption()).isPresent();
      quality.ifPresent(
          q -> {
            soft.assertThat(q.allows(codec.minQuality()) && q.allows(codec.maxQuality()))
                .as(
                    name
                        + " quality "
                        + codec.minQuality()
                        + "–"
                        + codec.maxQuality()
                        + " within "
                        + q)
                .isTrue();
          });
      if (!codec.presets().isEmpty()) {
        var preset = help.get().option("preset");
        soft.assertThat(preset).as(name + " -preset").isPresent();
        preset.ifPresent(
            p -> soft.assertThat(p.constants()).as(name + " presets").containsAll(codec.presets()));
      }

      var settings =
          new EncodeSettings(
              codec,
              (codec.minQuality() + codec.maxQuality()) / 2,
              codec.presets().isEmpty() ? null : codec.presets().get(0),
              AudioCodec.COPY,
              null,
              Container.MKV);
      StreamPlan plan = StreamPlanner.plan(in, settings, StreamRules.KEEP_ALL);
      List<String> args = settings.arguments(clip, dir.resolve(name + ".mkv"), plan);
      for (int a = 0; a < args.size(); a++) {
        String arg = args.get(a);
        boolean toFilm = arg.startsWith("-") && (arg.endsWith(":v") || arg.endsWith(":0"));
        if (!toFilm) {
          continue;
        }
        String option = arg.substring(1, arg.lastIndexOf(':'));
        soft.assertThat(
                COMMAND_LINE.contains(option)
                    || help.get().option(option).isPresent()
                    || every.option(option).isPresent())
            .as(name + " takes -" + option)
            .isTrue();
        if (option.equals("filter") && codec.hardware().takesDevice()) {
          String filter = args.get(a + 1);
          String format = filter.substring("format=".length(), filter.indexOf(','));
          soft.assertThat(codec.pixelFormats()).as(name + " uploads " + format).contains(format);
          if (codec.hardware() == VideoCodec.Hardware.QSV) {
            soft.assertThat(help.get().pixelFormats())
                .as(name + " takes " + format)
                .contains(format);
          }
          soft.assertThat(filter).as(name).contains("hwupload");
        }
      }
      if (codec.hardware().takesDevice()) {
        soft.assertThat(args.subList(0, args.indexOf("-i")))
            .as(name + " opens its device before the input")
            .containsSequence("-init_hw_device", "vaapi=va:" + VideoCodec.DEFAULT_DEVICE);
      }

      // ffmpeg's own parsing of the whole list: no option it does not know. Without a device here
      // it stops at opening one (or at the driver, for NVENC).
      var command = new ArrayList<String>(List.of("ffmpeg"));
      command.addAll(args);
      String said = output(command);
      soft.assertThat(said)
          .as(name + ": " + said)
          .doesNotContain("Unrecognized option", "Option not found");
    }
    soft.assertThat(absent).as("encoders this ffmpeg lacks").allMatch(n -> n.startsWith("av1_"));
    soft.assertAll();
  }

  private static String output(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return text;
  }
}
