package ferry.core.auth;

import ferry.core.error.ValidationException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8}; a bare address means a single host. */
public record Cidr(byte[] network, int prefix, String text) {

  /** Parses {@code s}; literal addresses only, never a DNS lookup. */
  public static Cidr parse(String s) {
    String t = s == null ? "" : s.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    if (!addr.matches("[0-9a-fA-F:.]+"))
      throw new ValidationException("'" + s + "' is not an IP address or CIDR network");
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      throw new ValidationException("'" + s + "' is not an IP address or CIDR network");
    }
    int max = bytes.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new ValidationException("'" + s + "' has a prefix length that is not a number");
    }
    if (prefix < 0 || prefix > max)
      throw new ValidationException("'" + s + "' has a prefix length outside 0.." + max);
    return new Cidr(bytes, prefix, addr + "/" + prefix);
  }

  /** The literal address {@code ip} (never a DNS lookup), or null if it is not one. */
  public static InetAddress address(String ip) {
    try {
      return InetAddress.getByAddress(parse(ip).network());
    } catch (ValidationException | UnknownHostException e) {
      return null;
    }
  }

  /**
   * Whether {@code ip} lies in one of {@code networks}; an empty list lets every address in, an
   * address that is not a literal one is kept out of a non-empty list.
   */
  public static boolean allowListed(List<String> networks, String ip) {
    if (networks.isEmpty()) return true;
    InetAddress addr = address(ip);
    return addr != null && networks.stream().anyMatch(n -> parse(n).contains(addr));
  }

  /** Whether {@code address} lies in this network (IPv4-mapped IPv6 counts as IPv4). */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (a.length == 16 && network.length == 4 && isV4Mapped(a)) {
      a = java.util.Arrays.copyOfRange(a, 12, 16);
    }
    if (a.length != network.length) return false;
    int full = prefix / 8;
    for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
    int rest = prefix % 8;
    if (rest == 0) return true;
    int mask = 0xff << (8 - rest);
    return (a[full] & mask) == (network[full] & mask);
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) if (a[i] != 0) return false;
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
