package io.optimizarr.encoder.alert;

import io.optimizarr.encoder.config.EncoderConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Makes the HTTP requests of deliveries. Each resolves its host anew (off the event loop) and
 * connects to exactly the address {@link DestinationCheck} judged; redirects are not followed. An
 * answer's body is kept only when asked for, and only its first {@link #MAX_BODY} bytes.
 */
@ApplicationScoped
class HttpCalls {

  static final int MAX_BODY = 1 << 20;

  /** An answer: its status, and its body where it was kept. */
  record Reply(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** The request was never sent: its address is refused, or its host did not resolve. */
  static final class Undeliverable extends RuntimeException {
    final boolean retry;

    Undeliverable(String why, boolean retry) {
      super(why, null, false, false);
      this.retry = retry;
    }
  }

  private final DestinationCheck destinations;
  private final Duration timeout;
  private final HttpClient http;

  HttpCalls(DestinationCheck destinations, EncoderConfig config, Vertx vertx) {
    this.destinations = destinations;
    this.timeout = config.webhooks().timeout();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setKeepAlive(false)
                .setForceSni(true)
                .setVerifyHost(true));
  }

  /** Sends {@code request}; {@code keepBody}: read the answer's body into the reply. */
  Uni<Reply> call(HttpRequest request, boolean keepBody) {
    return Uni.createFrom()
        .item(() -> destinations.target(request.url()))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .flatMap(
            target -> {
              if (target instanceof DestinationCheck.Target.Refused refused) {
                return Uni.createFrom()
                    .failure(new Undeliverable("refused: " + refused.why(), false));
              }
              if (target instanceof DestinationCheck.Target.Unresolved unresolved) {
                return Uni.createFrom().failure(new Undeliverable(unresolved.why(), true));
              }
              var connect = (DestinationCheck.Target.Connect) target;
              return Uni.createFrom()
                  .completionStage(() -> send(request, connect, keepBody).toCompletionStage());
            });
  }

  private io.vertx.core.Future<Reply> send(
      HttpRequest request, DestinationCheck.Target.Connect connect, boolean keepBody) {
    String path =
        connect.uri().getRawPath() == null || connect.uri().getRawPath().isEmpty()
            ? "/"
            : connect.uri().getRawPath();
    var options =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(request.method()))
            .setHost(connect.uri().getHost())
            .setPort(connect.port())
            .setSsl("https".equals(connect.uri().getScheme()))
            .setURI(
                connect.uri().getRawQuery() == null
                    ? path
                    : path + "?" + connect.uri().getRawQuery())
            .setServer(
                SocketAddress.inetSocketAddress(
                    new InetSocketAddress(connect.address(), connect.port())))
            .setFollowRedirects(false)
            .setTimeout(timeout.toMillis())
            .putHeader("User-Agent", "Optimizarr");
    request.headers().forEach(options::putHeader);
    return http.request(options)
        .compose(r -> request.body() == null ? r.send() : r.send(Buffer.buffer(request.body())))
        .compose(
            response -> {
              Buffer kept = Buffer.buffer();
              response.handler(
                  chunk -> {
                    if (keepBody && kept.length() < MAX_BODY) {
                      kept.appendBuffer(chunk);
                    }
                  });
              return response
                  .end()
                  .map(
                      done ->
                          new Reply(
                              response.statusCode(),
                              keepBody ? kept.toString(StandardCharsets.UTF_8) : null));
            });
  }
}
