package io.optimizarr.encoder.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HDR10 static metadata of a film: its mastering display, in x265's notation ({@code
 * G(x,y)B(x,y)R(x,y)WP(x,y)L(max,min)}, chromaticity in 0.00002, luminance in 0.0001 cd/m²), and
 * its content light levels ({@code MaxCLL,MaxFALL} in cd/m²); either may be absent.
 */
public record Hdr10(String masterDisplay, String maxCll) {

  /** x265's parameters that write this metadata into the encoded stream. */
  public String x265Params() {
    var params = new ArrayList<>(List.of("hdr10=1"));
    if (masterDisplay != null) {
      params.add("master-display=" + masterDisplay);
    }
    if (maxCll != null) {
      params.add("max-cll=" + maxCll);
    }
    return String.join(":", params);
  }

  /**
   * The metadata among the side data of one decoded frame ({@code ffprobe -show_frames}); empty
   * when it has none.
   */
  static Optional<Hdr10> fromFrame(JsonNode frame) {
    String display = null;
    String light = null;
    for (JsonNode data : frame.path("side_data_list")) {
      String type = data.path("side_data_type").asText("");
      if (type.equals("Mastering display metadata")) {
        display = masterDisplay(data);
      } else if (type.equals("Content light level metadata")) {
        light = data.path("max_content").asInt() + "," + data.path("max_average").asInt();
      }
    }
    return display == null && light == null
        ? Optional.empty()
        : Optional.of(new Hdr10(display, light));
  }

  private static String masterDisplay(JsonNode data) {
    Long[] values = {
      scaled(data, "green_x", 50_000),
      scaled(data, "green_y", 50_000),
      scaled(data, "blue_x", 50_000),
      scaled(data, "blue_y", 50_000),
      scaled(data, "red_x", 50_000),
      scaled(data, "red_y", 50_000),
      scaled(data, "white_point_x", 50_000),
      scaled(data, "white_point_y", 50_000),
      scaled(data, "max_luminance", 10_000),
      scaled(data, "min_luminance", 10_000)
    };
    for (Long v : values) {
      if (v == null) {
        return null;
      }
    }
    return String.format("G(%d,%d)B(%d,%d)R(%d,%d)WP(%d,%d)L(%d,%d)", (Object[]) values);
  }

  /** A rational such as {@code 34000/50000} in units of 1/{@code unit}. */
  private static Long scaled(JsonNode data, String field, long unit) {
    String text = data.path(field).asText(null);
    if (text == null) {
      return null;
    }
    try {
      String[] parts = text.split("/");
      double value =
          parts.length == 2
              ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
              : Double.parseDouble(parts[0]);
      return Math.round(value * unit);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
