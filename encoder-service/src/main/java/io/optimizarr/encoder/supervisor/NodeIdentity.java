package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.config.EncoderConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This node's name in the queue: {@code OPTIMIZARR_NODE_NAME}, else the host name. */
@Singleton
public class NodeIdentity {

  private final String name;

  NodeIdentity(EncoderConfig config) {
    this.name = config.nodeName().filter(n -> !n.isBlank()).orElseGet(NodeIdentity::hostName);
  }

  public String name() {
    return name;
  }

  private static String hostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
