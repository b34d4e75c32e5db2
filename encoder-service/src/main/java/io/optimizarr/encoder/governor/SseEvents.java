package io.optimizarr.encoder.governor;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads the data of server-sent events from a stream, within bounds: a line or an event longer than
 * {@link #MAX_EVENT_CHARS} is an error rather than memory spent, so a broken or hostile monitor
 * cannot exhaust the encoder. Not thread-safe.
 */
final class SseEvents {

  /**
   * One event: its name ({@code message} where it has no {@code event:} line, as the SSE standard
   * says) and its data, its lines joined by newlines.
   */
  record Event(String name, String data) {}

  /** Far above a snapshot of a large host (about 10 KB with 256 cores and 8 GPUs). */
  static final int MAX_EVENT_CHARS = 1 << 20;

  private final Reader in;
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private String name;

  SseEvents(Reader in) {
    this.in = in;
  }

  /** The next event with data; null at the end. */
  Event next() throws IOException {
    while (readLine()) {
      String text = line.toString();
      if (text.isEmpty()) {
        if (data.length() > 0) {
          var event = new Event(name == null ? "message" : name, data.toString());
          data.setLength(0);
          name = null;
          return event;
        }
        name = null;
      } else if (text.startsWith("event:")) {
        name = text.substring(text.startsWith("event: ") ? 7 : 6);
        if (name.isEmpty()) {
          name = null;
        }
      } else if (text.startsWith("data:")) {
        if (data.length() > 0) {
          data.append('\n');
        }
        data.append(text, text.startsWith("data: ") ? 6 : 5, text.length());
        if (data.length() > MAX_EVENT_CHARS) {
          throw new IOException("an event of more than " + MAX_EVENT_CHARS + " characters");
        }
      }
      // Other fields (id:, retry:) and comments are not needed.
    }
    return null;
  }

  /** Reads one line (ending in \n, \r\n or \r) into {@link #line}; false at the end. */
  private boolean readLine() throws IOException {
    line.setLength(0);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        return true;
      }
      if (c == '\r') {
        in.mark(1);
        if (in.read() != '\n') {
          in.reset();
        }
        return true;
      }
      if (line.length() == MAX_EVENT_CHARS) {
        throw new IOException("a line of more than " + MAX_EVENT_CHARS + " characters");
      }
      line.append((char) c);
    }
    return line.length() > 0;
  }
}
