package io.optimizarr.encoder.alert;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a webhook may be told of, by the name it has in payloads and in the API. */
public enum AlertEvent {
  JOB_COMPLETED("job.completed"),
  JOB_FAILED("job.failed"),
  /** A job left its input as it was: the encode would not have helped. */
  JOB_SKIPPED("job.skipped"),
  THROTTLE_PAUSED("throttle.paused"),
  MONITOR_LOST("monitor.lost"),
  /** Once a day: files done, space saved, time paused, what is left. */
  DIGEST_DAILY("digest.daily"),
  /** Sent by the "send test" button, whatever the webhook's events. */
  TEST("test");

  private final String wireName;

  AlertEvent(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<AlertEvent> byName(String name) {
    return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
  }

  /** The events a webhook can subscribe to (all but {@link #TEST}). */
  public static List<String> subscribable() {
    return Arrays.stream(values()).filter(e -> e != TEST).map(AlertEvent::wireName).toList();
  }
}
