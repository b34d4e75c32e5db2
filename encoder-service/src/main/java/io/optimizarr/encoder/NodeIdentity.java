package io.optimizarr.encoder;

import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.proc.ProcFs;
import jakarta.inject.Singleton;

/** This node's name in the queue: {@code OPTIMIZARR_NODE_NAME}, else the host name. */
@Singleton
public class NodeIdentity {

  private final String name;

  NodeIdentity(EncoderConfig config) {
    this.name = config.nodeName().filter(n -> !n.isBlank()).orElseGet(ProcFs.host()::hostName);
  }

  public String name() {
    return name;
  }
}
