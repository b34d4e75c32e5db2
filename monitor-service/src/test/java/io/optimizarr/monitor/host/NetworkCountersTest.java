package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkCountersTest {

  // Recorded /proc/net/dev with loopback, one ethernet and one docker bridge.
  private static final String NET_DEV =
      """
      Inter-|   Receive                                                |  Transmit
       face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
          lo: 8816452   62290    0    0    0     0          0         0  8816452   62290    0    0    0     0       0          0
        eth0: 412933271  301245    0    0    0     0          0         0 10234567   99876    0    0    0     0       0          0
      docker0:    1000      10    0    0    0     0          0         0     2000      20    0    0    0     0       0          0
      """;

  @Test
  void shouldSumEveryInterfaceButLoopback() {
    var counters = NetworkCounters.parse(NET_DEV.lines().toList());

    assertThat(counters.receivedBytes()).isEqualTo(412933271L + 1000);
    assertThat(counters.sentBytes()).isEqualTo(10234567L + 2000);
  }
}
