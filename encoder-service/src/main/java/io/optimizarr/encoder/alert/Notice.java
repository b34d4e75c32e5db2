package io.optimizarr.encoder.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a person is told of an event, read from the event's stored JSON document: a title, a few
 * lines of text, and how it went. Notification services get this rather than the document. Pure.
 */
record Notice(String title, String text, Level level) {

  /** How the event went, as services colour or rank it. */
  enum Level {
    INFO,
    SUCCESS,
    WARNING,
    FAILURE
  }

  static Notice of(JsonNode payload) {
    String event = payload.path("event").asText();
    String node = payload.path("node").asText();
    JsonNode job = payload.path("job");
    String file = fileName(job.path("inputPath").asText(""));
    String onNode = "on node " + node;
    return switch (AlertEvent.byName(event).orElse(AlertEvent.TEST)) {
      case JOB_COMPLETED ->
          new Notice(
              "Encoded " + file,
              saved(job)
                  + "\n"
                  + job.path("inputPath").asText()
                  + " → "
                  + job.path("outputPath").asText()
                  + "\n"
                  + onNode,
              Level.SUCCESS);
      case JOB_FAILED ->
          new Notice(
              "Failed: " + file,
              job.path("reason").asText() + "\n" + job.path("inputPath").asText() + "\n" + onNode,
              Level.FAILURE);
      case JOB_SKIPPED ->
          new Notice(
              "Skipped " + file,
              job.path("reason").asText()
                  + "; "
                  + job.path("consequence").asText()
                  + "\n"
                  + job.path("inputPath").asText()
                  + "\n"
                  + onNode,
              Level.INFO);
      case THROTTLE_PAUSED ->
          new Notice(
              "Encode held for " + payload.path("pausedMinutes").asLong() + " min",
              "Job "
                  + job.path("id").asLong()
                  + " is paused: "
                  + payload.path("reason").asText()
                  + "\n"
                  + onNode,
              Level.WARNING);
      case DIGEST_DAILY -> digest(payload.path("digest"), onNode);
      case MONITOR_LOST ->
          new Notice("Monitor lost", payload.path("message").asText(), Level.WARNING);
      case TEST ->
          new Notice(
              "Optimizarr test", payload.path("message").asText() + "\n" + onNode, Level.INFO);
    };
  }

  private static Notice digest(JsonNode d, String onNode) {
    long done = d.path("completed").asLong();
    long saved = d.path("savedBytes").asLong();
    long held = d.path("pausedSeconds").asLong();
    String text =
        (saved >= 0 ? "Saved " + bytes(saved) : "Grew by " + bytes(-saved))
            + "; "
            + d.path("failed").asLong()
            + " failed, "
            + d.path("skipped").asLong()
            + " skipped; encodes held "
            + held / 3600
            + " h "
            + held % 3600 / 60
            + " min; "
            + d.path("queued").asLong()
            + " queued\nfrom "
            + d.path("from").asText()
            + " to "
            + d.path("to").asText()
            + "\n"
            + onNode;
    return new Notice(
        "Daily digest: " + done + (done == 1 ? " file" : " files") + " done",
        text,
        d.path("failed").asLong() > 0 ? Level.WARNING : Level.INFO);
  }

  private static String fileName(String path) {
    if (path.isEmpty()) {
      return "a file";
    }
    Path name = Path.of(path).getFileName();
    return name == null ? path : name.toString();
  }

  /** "Saved 1.2 GiB (38 %)", or how much it grew; empty where the sizes are not known. */
  static String saved(JsonNode job) {
    if (!job.hasNonNull("inputBytes") || !job.hasNonNull("outputBytes")) {
      return job.path("message").asText();
    }
    long in = job.path("inputBytes").asLong();
    long out = job.path("outputBytes").asLong();
    long diff = in - out;
    String share =
        in > 0 ? String.format(Locale.ROOT, " (%.0f %%)", 100.0 * Math.abs(diff) / in) : "";
    return (diff >= 0 ? "Saved " : "Grew by ") + bytes(Math.abs(diff)) + share;
  }

  static String bytes(long n) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
