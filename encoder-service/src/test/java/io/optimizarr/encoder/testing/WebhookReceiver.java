package io.optimizarr.encoder.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint for webhooks to call: it keeps every request (headers, body, when) and
 * answers 200, or an error status for the first {@code failFirst} requests.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received; header names in lower case. */
  public record Received(Map<String, String> headers, String body, long atNanos) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failStatus = 500;

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          var headers = new HashMap<String, String>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(new Received(headers, body, System.nanoTime()));
          int status = failuresLeft.getAndDecrement() > 0 ? failStatus : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  /** The next {@code n} requests are answered {@code status}; then 200 again. */
  public void failFirst(int n, int status) {
    failStatus = status;
    failuresLeft.set(n);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests of one event ({@code X-Optimizarr-Event}). */
  public List<Received> received(String event) {
    return received.stream().filter(r -> event.equals(r.header("X-Optimizarr-Event"))).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
