package io.optimizarr.encoder.governor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.model.CpuPulse;
import io.optimizarr.model.ResourceSnapshot;
import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Follows the monitor's snapshot stream with the service credential, on a thread of its own, asking
 * for the CPU pulses between snapshots too while they are wanted ({@link #wantPulses}: while an
 * encode runs; the monitor reads nothing for pulses while no stream asks, so an idle node costs it
 * no more than snapshots). A monitor from before pulses sends snapshots only. Events of other names
 * are skipped, so a newer monitor may add some. After an error, the end of the stream or {@link
 * #reconnect()}, it connects again after 1 s, doubling the wait up to 30 s until a snapshot
 * arrives; a change of {@link #wantPulses} connects again at once. Only snapshots count as news of
 * the monitor: a stream of pulses alone is lost; the latest snapshot the monitor sends again at a
 * new connection is skipped, as it was judged already.
 */
@Singleton
public class MonitorClient {

  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

  private final String streamUrl;
  private final String authorization;
  private final ObjectMapper json;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile boolean running;
  private volatile boolean pulsesWanted;
  private volatile boolean switching;
  private volatile InputStream body;
  private volatile ResourceSnapshot latest;
  private volatile long latestAtNanos;
  private Thread thread;

  @Inject
  MonitorClient(EncoderConfig config, ObjectMapper json) {
    this(
        config.monitor().url(),
        config.monitor().user(),
        config.monitor().password().orElse(""),
        json);
  }

  /**
   * @param url the monitor's base address, such as {@code http://localhost:8081}
   */
  MonitorClient(String url, String user, String password, ObjectMapper json) {
    this.streamUrl = url.replaceAll("/+$", "") + "/api/resources/stream";
    String credential = user + ":" + password;
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    // A newer monitor may send fields this encoder does not know yet.
    this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** Hands each snapshot and each pulse to its listener, on the client's thread, in order. */
  public synchronized void start(Consumer<ResourceSnapshot> snapshots, Consumer<CpuPulse> pulses) {
    running = true;
    thread = new Thread(() -> follow(snapshots, pulses), "optimizarr-monitor-client");
    thread.setDaemon(true);
    thread.start();
  }

  /** Drops the connection (a silent stream): the client connects again. */
  public void reconnect() {
    closeBody();
  }

  /**
   * Whether the stream should carry pulses; a change connects again at once, asking as wanted. Any
   * thread may call it, the listeners too.
   */
  public void wantPulses(boolean wanted) {
    if (wanted != pulsesWanted) {
      pulsesWanted = wanted;
      switching = true;
      closeBody();
    }
  }

  private URI stream() {
    return URI.create(pulsesWanted ? streamUrl + "?pulses=true" : streamUrl);
  }

  /** Seconds since the latest snapshot arrived; infinite before the first. */
  public double latestAgeSeconds() {
    return latest == null ? Double.POSITIVE_INFINITY : (System.nanoTime() - latestAtNanos) / 1e9;
  }

  public ResourceSnapshot latest() {
    return latest;
  }

  @PreDestroy
  void stop() {
    running = false;
    closeBody();
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void follow(Consumer<ResourceSnapshot> listener, Consumer<CpuPulse> pulses) {
    Duration wait = FIRST_WAIT;
    boolean reportedOutage = false;
    while (running) {
      try {
        URI stream = stream();
        var request =
            HttpRequest.newBuilder(stream)
                .header("Authorization", authorization)
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response =
            http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
          response.body().close();
          throw new IllegalStateException(
              "the monitor answered " + response.statusCode() + " at " + stream);
        }
        body = response.body();
        var events =
            new SseEvents(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)));
        SseEvents.Event event;
        while (running && !switching && (event = events.next()) != null) {
          if (event.name().equals("pulse")) {
            pulses.accept(json.readValue(event.data(), CpuPulse.class));
            continue;
          }
          if (!event.name().equals("snapshot") && !event.name().equals("message")) {
            continue;
          }
          ResourceSnapshot snapshot = json.readValue(event.data(), ResourceSnapshot.class);
          if (sameAs(latest, snapshot)) {
            // The monitor's latest, sent again at a new connection: already judged, no news.
            continue;
          }
          latest = snapshot;
          latestAtNanos = System.nanoTime();
          wait = FIRST_WAIT;
          if (reportedOutage) {
            Log.infof("Following the monitor at %s again", streamUrl);
            reportedOutage = false;
          }
          listener.accept(snapshot);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        if (running && !reportedOutage && !switching) {
          Log.warnf(
              "Lost the monitor at %s (%s); retrying with back-off", streamUrl, e.getMessage());
          reportedOutage = true;
        }
      } finally {
        closeBody();
      }
      if (!running) {
        return;
      }
      if (switching) {
        // Dropped on purpose, to ask for pulses or no longer: no outage, no wait.
        switching = false;
        continue;
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      wait = next(wait);
    }
  }

  static boolean sameAs(ResourceSnapshot before, ResourceSnapshot now) {
    return before != null
        && before.seq() == now.seq()
        && before.timestamp().equals(now.timestamp())
        && before.host().equals(now.host());
  }

  /** The next wait: twice this one, at most {@link #LONGEST_WAIT}. */
  static Duration next(Duration wait) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
  }

  private void closeBody() {
    InputStream open = body;
    body = null;
    if (open != null) {
      try {
        open.close();
      } catch (Exception ignored) {
        // already closed
      }
    }
  }
}
