package io.optimizarr.encoder.ffmpeg;

import io.optimizarr.encoder.ffmpeg.VideoCodec.Hardware;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a node's probe of its encoders does, apart from running ffmpeg: which encoders this ffmpeg
 * has ({@code ffmpeg -encoders}), which of the profile encoders then need a test encode and on
 * which device, the test encode's arguments, and which words of ffmpeg's say the device itself
 * failed rather than the input. Pure.
 */
public final class EncoderProbe {

  /** A step of the probe's plan: a verdict already, or a target to test. */
  public sealed interface Step permits Target, Verdict {}

  /** One encoder on one device ({@code ""} for those that name none) to test. */
  public record Target(VideoCodec codec, String device) implements Step {}

  /**
   * A judgement: known without running anything (absent from ffmpeg, its device missing), or a
   * test's.
   */
  public record Verdict(Target target, boolean ok, String detail) implements Step {}

  /** The frames a test encode makes. */
  static final int TEST_FRAMES = 10;

  private static final Pattern ENCODER_LINE =
      Pattern.compile("^ [VAS][F.][S.][X.][B.][D.] ([\\w-]+)\\s.*$");

  /** Words of ffmpeg's, its drivers' and libva's that name a device or driver failing. */
  private static final List<Pattern> DEVICE_FAILURES =
      List.of(
          Pattern.compile("(?i)failed to initiali[sz]e vaapi connection[^\\n]*"),
          Pattern.compile("(?i)device creation failed[^\\n]*"),
          Pattern.compile("(?i)no va display found[^\\n]*"),
          Pattern.compile(
              "(?i)va(Initialize|CreateContext|CreateConfig|EndPicture|SyncSurface)[^\\n]*failed[^\\n]*"),
          Pattern.compile(
              "(?i)failed to (create|initiali[sz]e) (a )?(hardware|vaapi|qsv|mfx)[^\\n]*"),
          Pattern.compile("(?i)error (creating|initiali[sz]ing) (a )?mfx session[^\\n]*"),
          Pattern.compile("(?i)(OpenEncodeSessionEx|cuInit|cuCtxCreate)[^\\n]*failed[^\\n]*"),
          Pattern.compile("(?i)no capable devices found[^\\n]*"),
          Pattern.compile("(?i)cannot load (libcuda|libnvidia-encode)[^\\n]*"),
          Pattern.compile("(?i)gpu (has fallen off the bus|lost)[^\\n]*"));

  private EncoderProbe() {}

  /** The encoders in {@code ffmpeg -hide_banner -encoders}'s list. */
  public static Set<String> encoders(String listing) {
    var names = new LinkedHashSet<String>();
    for (String line : listing.split("\n")) {
      var m = ENCODER_LINE.matcher(line);
      if (m.matches()) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /**
   * Every profile encoder judged at once where it can be, and the rest to test: a software encoder
   * works when ffmpeg lists it; a hardware one that ffmpeg lacks, or whose device is missing, does
   * not; the others need a test encode — VAAPI and Quick Sync on each render node present (and the
   * default one, missing or not), NVENC where {@code nvidia} says the driver's device is there.
   *
   * @param renderNodes the {@code /dev/dri/renderD…} present
   */
  public static List<Step> plan(Set<String> listed, List<String> renderNodes, boolean nvidia) {
    var plan = new ArrayList<Step>();
    for (VideoCodec codec : VideoCodec.values()) {
      Hardware hw = codec.hardware();
      if (!codec.encodes()) {
        plan.add(new Verdict(new Target(codec, ""), true, "stream copy"));
        continue;
      }
      List<String> devices = new ArrayList<>();
      if (hw.takesDevice()) {
        devices.add(VideoCodec.DEFAULT_DEVICE);
        renderNodes.stream().filter(d -> !devices.contains(d)).forEach(devices::add);
      } else {
        devices.add("");
      }
      for (String device : devices) {
        Target target = new Target(codec, device);
        if (!listed.contains(codec.ffmpegName())) {
          plan.add(new Verdict(target, false, "this ffmpeg has no " + codec.ffmpegName()));
        } else if (hw == Hardware.NONE) {
          plan.add(new Verdict(target, true, "listed by ffmpeg"));
        } else if (hw.takesDevice() && !renderNodes.contains(device)) {
          plan.add(new Verdict(target, false, "no render node " + device + " on this node"));
        } else if (hw == Hardware.NVENC && !nvidia) {
          plan.add(new Verdict(target, false, "no NVIDIA device on this node (/dev/nvidiactl)"));
        } else {
          plan.add(target);
        }
      }
    }
    return plan;
  }

  /** A test encode of {@link #TEST_FRAMES} generated frames with {@code target}, to nowhere. */
  public static List<String> testArguments(Target target) {
    VideoCodec codec = target.codec();
    var args = new ArrayList<String>(List.of("-hide_banner", "-nostdin", "-loglevel", "error"));
    args.addAll(codec.deviceArguments(target.device()));
    args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25"));
    args.addAll(List.of("-frames:v", Integer.toString(TEST_FRAMES)));
    codec
        .uploadFilter(codec.pixelFormats().get(0))
        .ifPresent(f -> args.addAll(List.of("-filter:v", f)));
    args.addAll(List.of("-c:v", codec.ffmpegName()));
    args.addAll(
        List.of(
            codec.qualityOption() + ":v",
            Integer.toString((codec.minQuality() + codec.maxQuality()) / 2)));
    args.addAll(List.of("-f", "null", "-"));
    return args;
  }

  /** The words in ffmpeg's output that say the device or its driver failed; empty for others. */
  public static Optional<String> deviceFailure(String stderr) {
    if (stderr == null) {
      return Optional.empty();
    }
    for (Pattern p : DEVICE_FAILURES) {
      var m = p.matcher(stderr);
      if (m.find()) {
        return Optional.of(m.group().trim());
      }
    }
    return Optional.empty();
  }
}
