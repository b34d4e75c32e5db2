package io.optimizarr.encoder.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bodies for {@code POST /api/profiles}: x265 at quality 28, preset medium, audio copied, in mkv,
 * unless a wither says otherwise. Each wither returns a new body; a field set to {@code null} is
 * left out of the JSON.
 */
public final class Profiles {

  private final Map<String, Object> fields;

  private Profiles(Map<String, Object> fields) {
    this.fields = fields;
  }

  /** The defaults under {@code name}. */
  public static Profiles named(String name) {
    var fields = new LinkedHashMap<String, Object>();
    fields.put("name", name);
    fields.put("videoCodec", "libx265");
    fields.put("quality", 28);
    fields.put("preset", "medium");
    fields.put("audioCodec", "copy");
    fields.put("audioBitrateKbps", null);
    fields.put("container", "mkv");
    return new Profiles(fields);
  }

  public Profiles video(String codec, Integer quality, String preset) {
    return with("videoCodec", codec).with("quality", quality).with("preset", preset);
  }

  public Profiles audio(String codec, Integer bitrateKbps) {
    return with("audioCodec", codec).with("audioBitrateKbps", bitrateKbps);
  }

  public Profiles container(String container) {
    return with("container", container);
  }

  /** Any field, with a value of any type: skips, overrides, or a wrong value for a refusal. */
  public Profiles with(String field, Object value) {
    var changed = new LinkedHashMap<>(fields);
    changed.put(field, value);
    return new Profiles(changed);
  }

  public Profiles with(Map<String, ?> more) {
    var changed = new LinkedHashMap<>(fields);
    changed.putAll(more);
    return new Profiles(changed);
  }

  /** The JSON body, fields in a fixed order. */
  public Map<String, Object> body() {
    var body = new LinkedHashMap<String, Object>();
    fields.forEach(
        (field, value) -> {
          if (value != null) {
            body.put(field, value);
          }
        });
    return body;
  }

  /** Creates it as the first admin; its id. */
  public int create() {
    return Users.createdId("/api/profiles", body());
  }
}
