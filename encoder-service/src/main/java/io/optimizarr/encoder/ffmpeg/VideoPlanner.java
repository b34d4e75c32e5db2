package io.optimizarr.encoder.ffmpeg;

import io.optimizarr.encoder.ffmpeg.MediaProbe.Media;
import io.optimizarr.encoder.ffmpeg.StreamDecision.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link StreamPlanner} does with a film: encoded with the profile's encoder (or copied),
 * its bit depth kept where the encoder can (for VAAPI and Quick Sync: converted to NV12 or P010 and
 * uploaded to the device), its colour and HDR10 metadata passed to the encoder, every frame kept.
 * Pure.
 */
final class VideoPlanner {

  private VideoPlanner() {}

  static StreamDecision decide(Media.Stream s, Hdr10 hdr10, EncodeSettings settings) {
    VideoCodec codec = settings.video();
    if (!codec.encodes()) {
      return StreamDecision.of(
          s,
          StreamKind.VIDEO,
          Action.KEPT,
          s.codecName(),
          "copied",
          "copy",
          TrackTags.title(s, settings.container()));
    }
    var options = new ArrayList<String>();
    var said = new ArrayList<String>();
    pixelFormat(s, codec)
        .ifPresent(
            format -> {
              var upload = codec.uploadFilter(format);
              if (upload.isPresent()) {
                options.addAll(List.of("-filter", upload.get()));
              } else {
                options.addAll(List.of("-pix_fmt", format));
              }
              said.add(
                  (format.equals(s.pixFmt()) ? format + " kept" : s.pixFmt() + " as " + format)
                      + (upload.isPresent() ? ", uploaded to the device" : ""));
            });
    colour(s, options, said);
    if (hdr10 != null && codec == VideoCodec.LIBX265) {
      options.addAll(List.of("-x265-params", hdr10.x265Params()));
      said.add("HDR10 mastering display and light levels carried");
    } else if (hdr10 != null) {
      said.add("HDR10 mastering metadata not carried: only libx265 takes it here");
    }
    // Each frame is kept as it is: no frame duplicated or dropped to make a constant rate.
    options.addAll(List.of("-fps_mode", "passthrough"));
    options.addAll(TrackTags.dispositions(s));
    options.addAll(TrackTags.title(s, settings.container()));
    return StreamDecision.of(
        s,
        StreamKind.VIDEO,
        Action.CONVERTED,
        codec.codecName().orElseThrow(),
        "encoded with "
            + codec.ffmpegName()
            + (said.isEmpty() ? "" : " (" + String.join(", ", said) + ")"),
        codec.ffmpegName(),
        options);
  }

  /**
   * The input's pixel format where the encoder takes it; else the encoder's first format of the
   * same depth, or the nearest lower one: 10-bit stays 10-bit where the encoder can.
   */
  static Optional<String> pixelFormat(Media.Stream s, VideoCodec codec) {
    if (s.pixFmt() == null) {
      return Optional.empty();
    }
    if (codec.pixelFormats().contains(s.pixFmt())) {
      return Optional.of(s.pixFmt());
    }
    int depth = depth(s);
    for (int d = depth; d >= 8; d -= 2) {
      for (String format : codec.pixelFormats()) {
        if (depth(format) == d) {
          return Optional.of(format);
        }
      }
    }
    return Optional.empty();
  }

  private static int depth(Media.Stream s) {
    int byName = depth(s.pixFmt());
    return byName > 8 || s.bitsPerRawSample() == null ? byName : s.bitsPerRawSample();
  }

  private static int depth(String pixFmt) {
    if (pixFmt.contains("16")) {
      return 16;
    }
    if (pixFmt.contains("12")) {
      return 12;
    }
    return pixFmt.contains("10") ? 10 : 8;
  }

  private static void colour(Media.Stream s, List<String> options, List<String> said) {
    var colour = new ArrayList<String>();
    if (s.colorPrimaries() != null) {
      options.addAll(List.of("-color_primaries", s.colorPrimaries()));
      colour.add("primaries " + s.colorPrimaries());
    }
    if (s.colorTransfer() != null) {
      options.addAll(List.of("-color_trc", s.colorTransfer()));
      colour.add("transfer " + s.colorTransfer());
    }
    if (s.colorSpace() != null) {
      options.addAll(List.of("-colorspace", s.colorSpace()));
      colour.add("matrix " + s.colorSpace());
    }
    if (!colour.isEmpty()) {
      said.add("colour " + String.join(", ", colour) + " carried");
    }
  }
}
