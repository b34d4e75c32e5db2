package io.optimizarr.encoder.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.config.DatabaseTls;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.queue.JobStatus;
import io.optimizarr.encoder.user.SessionVersions;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Follows PostgreSQL's {@code job_changed} notifications (a trigger on every timeline entry, see
 * V3) and passes each on as a {@code job} event: state changes made by any node, by the API or by
 * the governor reach every open UI stream. On the same connection it follows {@code sessions_ended}
 * (V13: a user's sessions ended on any node, or the user deleted) and tells {@link
 * SessionVersions}, so that this node refuses their cookies and closes their streams at once.
 * Reconnects every second while the database is away.
 */
@ApplicationScoped
public class JobChanges {

  /** A job's state after a change, and the timeline entry that recorded it. */
  public record JobChange(
      long id,
      JobStatus status,
      String statusReason,
      double progressPercent,
      String node,
      double pausedSeconds,
      String event,
      String message) {}

  private final Vertx vertx;
  private final EncoderConfig config;
  private final LiveEvents live;
  private final ObjectMapper json;
  private final SessionVersions sessions;
  private PgSubscriber subscriber;

  JobChanges(
      Vertx vertx,
      EncoderConfig config,
      LiveEvents live,
      ObjectMapper json,
      SessionVersions sessions) {
    this.vertx = vertx;
    this.config = config;
    this.live = live;
    this.sessions = sessions;
    // A newer node's trigger may add fields during a rolling upgrade.
    this.json = json.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  void start(@Observes StartupEvent event) {
    EncoderConfig.Db db = config.db();
    var options =
        new PgConnectOptions()
            .setHost(db.host())
            .setPort(db.port())
            .setDatabase(db.name())
            .setUser(db.user());
    db.password().ifPresent(options::setPassword);
    // TLS as the application's own connections (optimizarr.db.ssl-mode).
    DatabaseTls.configure(options, db);
    subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
    subscriber.channel("job_changed").handler(this::publish);
    subscriber.channel("sessions_ended").handler(sessions::ended);
    // Listening before the service is up: no change made after start is missed.
    subscriber.connect().await().atMost(Await.DATABASE);
  }

  void stop(@Observes ShutdownEvent event) {
    if (subscriber != null) {
      subscriber.closeAndAwait();
    }
  }

  private void publish(String payload) {
    try {
      live.publish("job", json.readValue(payload, JobChange.class));
    } catch (JsonProcessingException e) {
      Log.warnf("Ignoring a job change that does not parse: %s", e.getOriginalMessage());
    }
  }
}
