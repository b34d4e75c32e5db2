package io.optimizarr.encoder.supervisor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** Keeps the last lines a process writes to standard error, read on a thread of its own. */
final class StderrTail {

  static final int LINES = 20;
  private final ArrayDeque<String> lines = new ArrayDeque<>(LINES);
  private final Thread reader;

  StderrTail(InputStream stderr, String threadName) {
    reader =
        new Thread(
            () -> {
              try (var in =
                  new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  add(line);
                }
              } catch (IOException closed) {
                // the process ended; what was read is kept
              }
            },
            threadName);
    reader.setDaemon(true);
    reader.start();
  }

  private synchronized void add(String line) {
    if (lines.size() == LINES) {
      lines.removeFirst();
    }
    lines.addLast(line);
  }

  /** The kept lines, after the process's stderr has been read to its end (or 2 s). */
  String text() {
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      return String.join("\n", lines);
    }
  }
}
