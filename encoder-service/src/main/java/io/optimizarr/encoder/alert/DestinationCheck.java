package io.optimizarr.encoder.alert;

import io.optimizarr.encoder.config.EncoderConfig;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Resolves a webhook's host and judges every address it resolves to by {@link Destinations}: a
 * delivery connects to the address judged here, never to a name resolved again later, so a name
 * that resolves differently at delivery time than when the webhook was saved is judged by what it
 * resolves to then. A name with any refused address is refused. Blocks on DNS: call it off the
 * event loop.
 */
@ApplicationScoped
public class DestinationCheck {

  /** What a webhook URL leads to now. */
  sealed interface Target {
    /** Deliver by connecting to {@code address}:{@code port}. */
    record Connect(URI uri, InetAddress address, int port) implements Target {}

    /** Never deliver there. */
    record Refused(String why) implements Target {}

    /** Its host does not resolve now. */
    record Unresolved(String why) implements Target {}
  }

  private final EncoderConfig config;
  private final Instance<HttpServer> server;

  DestinationCheck(EncoderConfig config, Instance<HttpServer> server) {
    this.config = config;
    this.server = server;
  }

  Target target(String url) {
    URI uri = URI.create(url.trim());
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      return new Target.Unresolved("the host " + uri.getHost() + " does not resolve");
    }
    Destinations rules = destinations();
    for (InetAddress address : addresses) {
      var refusal = rules.refusal(address, port);
      if (refusal.isPresent()) {
        return new Target.Refused(uri.getHost() + " resolves to " + refusal.get());
      }
    }
    return new Target.Connect(uri, addresses[0], port);
  }

  private Destinations destinations() {
    Set<Integer> ports = new HashSet<>();
    if (server.isResolvable()) {
      HttpServer http = server.get();
      Stream.of(http.getPort(), http.getSecurePort(), http.getManagementPort())
          .filter(p -> p > 0)
          .forEach(ports::add);
    }
    int monitorPort = URI.create(config.monitor().url()).getPort();
    if (monitorPort > 0) {
      ports.add(monitorPort);
    }
    return new Destinations(config.webhooks().denyPrivate(), ports, ownAddresses());
  }

  private static Set<InetAddress> ownAddresses() {
    Set<InetAddress> own = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        own.addAll(Collections.list(nic.getInetAddresses()));
      }
    } catch (SocketException e) {
      return Set.of();
    }
    return own;
  }
}
