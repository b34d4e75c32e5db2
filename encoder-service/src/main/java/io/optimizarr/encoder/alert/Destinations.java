package io.optimizarr.encoder.alert;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Where a webhook may be delivered, judged on the address actually to be connected to. Always
 * refused: link-local addresses (169.254.0.0/16 with the cloud metadata service at 169.254.169.254,
 * fe80::/10, and AWS's fd00:ec2::254), the unspecified and multicast addresses, and this node's own
 * ports on its own addresses. With {@code denyPrivate} also loopback, private (10/8, 172.16/12,
 * 192.168/16, fc00::/7) and shared (100.64/10) ranges, which a home install leaves open for a local
 * ntfy or Home Assistant. Pure.
 *
 * @param ownPorts this node's HTTP and management ports (and its monitor's)
 * @param ownAddresses this node's addresses (its interfaces'), beside loopback
 */
record Destinations(boolean denyPrivate, Set<Integer> ownPorts, Set<InetAddress> ownAddresses) {

  private static final byte[] AWS_METADATA_V6 = {
    (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  /** Why {@code address}:{@code port} is refused, or empty where a delivery may connect. */
  Optional<String> refusal(InetAddress address, int port) {
    InetAddress a = unmapped(address);
    String where = a.getHostAddress();
    if (a.isLinkLocalAddress() || isAwsMetadata(a)) {
      return Optional.of(where + " is a link-local address (such as a cloud metadata service)");
    }
    if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
      return Optional.of(where + " is not an address to deliver to");
    }
    if (ownPorts.contains(port) && (a.isLoopbackAddress() || ownAddresses.contains(a))) {
      return Optional.of(where + ":" + port + " is one of this node's own ports");
    }
    if (denyPrivate && isPrivate(a)) {
      return Optional.of(
          where
              + " is a loopback or private address, refused by"
              + " optimizarr.webhooks.deny-private");
    }
    return Optional.empty();
  }

  private static boolean isPrivate(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
    return (b[0] & 0xfe) == 0xfc;
  }

  private static boolean isAwsMetadata(InetAddress a) {
    return a instanceof Inet6Address && Arrays.equals(a.getAddress(), AWS_METADATA_V6);
  }

  /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it stands for. */
  private static InetAddress unmapped(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address && b.length == 16) {
      boolean mapped = b[10] == (byte) 0xff && b[11] == (byte) 0xff;
      for (int i = 0; i < 10 && mapped; i++) {
        mapped = b[i] == 0;
      }
      if (mapped) {
        try {
          return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException impossible) {
          throw new IllegalStateException(impossible);
        }
      }
    }
    return address;
  }
}
