package ferry.pipeline.step;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a customer's pipeline may send webhooks ({@link Webhooks#publicOnly()}): public addresses only. Loopback, private,
 * link-local, unique-local, wildcard and multicast addresses would let a tenant reach Ferry's own
 * listeners or the company's internal services from inside the server (SSRF). Every address the
 * host resolves to must be public. Admins' pipelines are not limited.
 */
final class PublicAddresses {
  private PublicAddresses() {}

  /**
   * Refuses {@code uri} unless its host resolves to public addresses only.
   *
   * @throws StepFailedException naming the URL (without its query) and the address, not retried
   */
  static void require(URI uri) throws StepFailedException {
    String host = uri.getHost();
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new StepFailedException("webhook host " + host + " is unknown", true);
    }
    for (InetAddress a : all) {
      if (!isPublic(a))
        throw new StepFailedException("webhook " + Webhooks.describe(uri) + " reaches " + a.getHostAddress() + ", not a public address:"
            + " a customer's pipeline may only call public addresses", false);
    }
  }

  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) return false;
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) return (b[0] & 0xfe) != 0xfc; // fc00::/7, unique local
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first != 0 && !(first == 100 && second >= 64 && second < 128); // 0/8; 100.64/10 (carrier-grade NAT)
  }
}
