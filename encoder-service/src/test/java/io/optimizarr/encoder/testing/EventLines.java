package io.optimizarr.encoder.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@code data:} line of an SSE stream, read as the admin, as it arrives. */
public final class EventLines implements AutoCloseable {

  public final List<String> data = new CopyOnWriteArrayList<>();
  private final CompletableFuture<?> stream;

  public EventLines(URI uri) {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (Users.ADMIN + ":" + Users.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    var request = HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic).build();
    stream =
        HttpClient.newHttpClient()
            .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
            .thenAccept(
                response ->
                    response
                        .body()
                        .filter(line -> line.startsWith("data:"))
                        .forEach(line -> data.add(line.substring(5).trim())));
  }

  @Override
  public void close() {
    stream.cancel(true);
  }
}
