package io.optimizarr.encoder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which addresses a webhook delivery may connect to, on literal addresses (no DNS). */
class DestinationsTest {

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  private final Destinations home = new Destinations(false, Set.of(8080, 9000), Set.of());
  private final Destinations cluster = new Destinations(true, Set.of(8080, 9000), Set.of());

  @Test
  void shouldAlwaysRefuseLinkLocalMetadataAndUnspecifiedAddresses() throws Exception {
    for (String refused :
        new String[] {
          "169.254.169.254",
          "169.254.1.1",
          "fe80::1",
          "fd00:ec2::254",
          "::ffff:169.254.169.254",
          "0.0.0.0",
          "::",
          "224.0.0.1"
        }) {
      assertThat(home.refusal(ip(refused), 80)).as(refused).isPresent();
      assertThat(cluster.refusal(ip(refused), 80)).as(refused).isPresent();
    }
    assertThat(home.refusal(ip("169.254.169.254"), 80).orElseThrow()).contains("link-local");
  }

  @Test
  void shouldAlwaysRefuseThisNodesOwnPorts() throws Exception {
    assertThat(home.refusal(ip("127.0.0.1"), 9000).orElseThrow()).contains("own ports");
    assertThat(home.refusal(ip("::1"), 8080)).isPresent();
    var withOwnAddress = new Destinations(false, Set.of(9000), Set.of(ip("192.168.1.20")));
    assertThat(withOwnAddress.refusal(ip("192.168.1.20"), 9000)).isPresent();
    assertThat(withOwnAddress.refusal(ip("192.168.1.21"), 9000)).as("another host").isEmpty();
    assertThat(home.refusal(ip("127.0.0.1"), 8123)).as("another local service").isEmpty();
  }

  @Test
  void shouldRefuseLoopbackAndPrivateRangesOnlyWhenDenied() throws Exception {
    for (String local :
        new String[] {
          "127.0.0.1",
          "::1",
          "10.1.2.3",
          "172.16.0.1",
          "172.31.255.255",
          "192.168.1.5",
          "100.64.0.1",
          "fd12:3456::1",
          "fc00::1"
        }) {
      assertThat(home.refusal(ip(local), 8123)).as(local + " at home").isEmpty();
      assertThat(cluster.refusal(ip(local), 8123).orElseThrow())
          .as(local + " in a cluster")
          .contains("optimizarr.webhooks.deny-private");
    }
    for (String open : new String[] {"203.0.113.7", "172.32.0.1", "100.128.0.1", "2001:db8::1"}) {
      assertThat(cluster.refusal(ip(open), 443)).as(open).isEmpty();
    }
  }
}
