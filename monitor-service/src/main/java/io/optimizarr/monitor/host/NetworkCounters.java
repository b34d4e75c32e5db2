package io.optimizarr.monitor.host;

import java.util.List;

/** Cumulative traffic summed over every interface but loopback, from {@code /proc/net/dev}. */
public record NetworkCounters(long receivedBytes, long sentBytes) {

  public static NetworkCounters parse(List<String> netDevLines) {
    long received = 0;
    long sent = 0;
    for (String line : netDevLines) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      if (name.equals("lo")) {
        continue;
      }
      String[] f = line.substring(colon + 1).trim().split("\\s+");
      received += Long.parseLong(f[0]);
      sent += Long.parseLong(f[8]);
    }
    return new NetworkCounters(received, sent);
  }
}
