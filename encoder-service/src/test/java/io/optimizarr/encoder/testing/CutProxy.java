package io.optimizarr.encoder.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder in front of the application that the test can cut: every connection through it
 * drops and new ones are refused until {@link #restore}, as when the encoder goes away behind a
 * load balancer. Browsers that go through it see a real network failure.
 */
public final class CutProxy implements AutoCloseable {

  private final int target;
  private final int port;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;

  public CutProxy(int target) throws IOException {
    this.target = target;
    try (var probe = new ServerSocket(0)) {
      this.port = probe.getLocalPort();
    }
    restore();
  }

  public int port() {
    return port;
  }

  /** Drops every connection and refuses new ones. */
  public synchronized void cut() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    open.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() throws IOException {
    var socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress("127.0.0.1", port));
    server = socket;
    daemon(() -> accept(socket));
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket app = new Socket("127.0.0.1", target);
        open.add(client);
        open.add(app);
        pipe(client, app);
        pipe(app, client);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    daemon(
        () -> {
          try (InputStream in = from.getInputStream();
              OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
          } catch (IOException dropped) {
            // either side closed: the other follows
          } finally {
            try {
              from.close();
              to.close();
            } catch (IOException ignored) {
              // already closed
            }
          }
        });
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "cut-proxy");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
