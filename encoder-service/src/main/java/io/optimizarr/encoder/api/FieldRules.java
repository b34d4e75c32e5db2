package io.optimizarr.encoder.api;

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
}
