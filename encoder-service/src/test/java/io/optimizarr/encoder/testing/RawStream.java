package io.optimizarr.encoder.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A {@code GET} of a stream over a plain socket with a session cookie ({@code Connection: close}):
 * its status as soon as the head arrives, whether the server ended it, and a real close of the
 * connection, which an HTTP client library's cancel does not promise.
 */
public final class RawStream implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  public final int status;

  public RawStream(int port, String path, String cookie) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: localhost:"
            + port
            + "\r\nAccept: text/event-stream\r\nCookie: "
            + Users.SESSION_COOKIE
            + "="
            + cookie
            + "\r\nConnection: close\r\n\r\n";
    socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
    in = socket.getInputStream();
    String statusLine = line();
    status = Integer.parseInt(statusLine.split(" ")[1]);
    while (!line().isEmpty()) {
      // the rest of the head
    }
  }

  private String line() throws IOException {
    var bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  /** True when the server ends the stream within {@code wait}, reading what it sends meanwhile. */
  public boolean endsWithin(Duration wait) throws IOException {
    long until = System.nanoTime() + wait.toNanos();
    socket.setSoTimeout(200);
    byte[] buffer = new byte[8192];
    while (System.nanoTime() < until) {
      try {
        if (in.read(buffer) == -1) {
          return true;
        }
      } catch (SocketTimeoutException stillOpen) {
        // read again until the wait is over
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
