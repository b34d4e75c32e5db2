package io.optimizarr.encoder.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Checks shared by the rules of each kind of input. Pure. */
public final class FieldRules {

  private FieldRules() {}

  /** Records a problem when a required whole number is missing or outside {@code min..max}. */
  public static void range(
      Map<String, String> problems, String field, Integer value, int min, int max) {
    if (value == null || value < min || value > max) {
      problems.put(field, field + " must be from " + min + " to " + max);
    }
  }

  /** Records a problem when a required true or false is missing. */
  public static void flag(Map<String, String> problems, String field, Boolean value) {
    if (value == null) {
      problems.put(field, field + " is required (true or false)");
    }
  }

  /** Records a problem unless {@code value}, in any case, is one of {@code choices}. */
  public static void oneOf(
      Map<String, String> problems, String field, String value, String... choices) {
    String given = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
    if (!List.of(choices).contains(given)) {
      problems.put(field, field + " must be " + String.join(" or ", choices));
    }
  }
}
