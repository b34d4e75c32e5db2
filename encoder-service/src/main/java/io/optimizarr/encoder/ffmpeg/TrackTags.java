package io.optimizarr.encoder.ffmpeg;

import io.optimizarr.encoder.ffmpeg.MediaProbe.Media;
import java.util.List;

/**
 * The ffmpeg options that carry a stream's flags and title to its output stream, and the words a
 * plan adds where the container cannot keep a title as such.
 */
final class TrackTags {

  private TrackTags() {}

  /** The input's default and forced flags, stated, so the muxer invents none. */
  static List<String> dispositions(Media.Stream s) {
    String flags =
        s.isDefault() && s.forced()
            ? "default+forced"
            : s.isDefault() ? "default" : s.forced() ? "forced" : "0";
    return List.of("-disposition", flags);
  }

  /** MP4 has no track titles: a title goes into the handler name, which players show. */
  static List<String> title(Media.Stream s, Container container) {
    return s.title() == null || container.hasTrackTitles()
        ? List.of()
        : List.of("-metadata:s", "handler_name=" + s.title());
  }

  static String titleNote(Media.Stream s, Container container) {
    return s.title() == null || container.hasTrackTitles()
        ? ""
        : "; its title '"
            + s.title()
            + "' kept as the track's handler name (MP4 has no track titles)";
  }
}
