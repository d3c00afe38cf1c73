package ferry.httpd.common;

import ferry.core.auth.Cidr;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place the client's address of a request is decided, for the Defender, API-key
 * allow-lists, logs and limits (Javalin's {@code ctx.ip()} answers it). It is the TCP peer, unless
 * the peer is a trusted proxy: then the rightmost {@code Forwarded: for=} (or else {@code
 * X-Forwarded-For}) entry that is not itself a trusted proxy. Entries left of it were written by
 * the client and are never believed.
 */
public final class ClientAddress {
  private static final String ATTRIBUTE = "ferry.client-address";
  private final List<Cidr> trustedProxies;

  public ClientAddress(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** The client's address of {@code ctx}, computed once per request. */
  public String of(Context ctx) {
    String known = ctx.attribute(ATTRIBUTE);
    if (known != null) return known;
    String ip = resolve(ctx.req().getRemoteAddr(), ctx.header("Forwarded"), ctx.header("X-Forwarded-For"));
    ctx.attribute(ATTRIBUTE, ip);
    return ip;
  }

  /** The client's address given the TCP peer and the forwarding headers (each may be null). */
  String resolve(String peer, String forwarded, String xForwardedFor) {
    if (!trusted(peer)) return peer;
    List<String> hops = forwarded != null && !forwarded.isBlank() ? forwardedFor(forwarded) : split(xForwardedFor);
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress a = hops.get(i).contains("/") ? null : Cidr.address(hops.get(i));
      // an entry a trusted proxy wrote but that is no address ("unknown", garbage): the proxy is the client
      if (a == null) return client;
      client = a.getHostAddress();
      if (!trusted(client)) return client;
    }
    return client;
  }

  private boolean trusted(String ip) {
    InetAddress a = Cidr.address(ip);
    return a != null && trustedProxies.stream().anyMatch(c -> c.contains(a));
  }

  private static List<String> split(String header) {
    List<String> out = new ArrayList<>();
    if (header == null) return out;
    for (String part : header.split(",")) if (!part.isBlank()) out.add(part.strip());
    return out;
  }

  /** The {@code for=} values of RFC 7239 elements, without quotes, brackets or ports. */
  private static List<String> forwardedFor(String header) {
    List<String> out = new ArrayList<>();
    for (String element : header.split(",")) {
      String value = "";
      for (String pair : element.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equalsIgnoreCase("for")) value = pair.substring(eq + 1).strip();
      }
      out.add(node(value));
    }
    return out;
  }

  private static String node(String value) {
    String v = value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
        ? value.substring(1, value.length() - 1) : value;
    if (v.startsWith("[")) {
      int end = v.indexOf(']');
      return end > 0 ? v.substring(1, end) : v;
    }
    int colon = v.indexOf(':');
    // one colon: IPv4 with a port; several: a bare IPv6 address
    return colon > 0 && colon == v.lastIndexOf(':') ? v.substring(0, colon) : v;
  }
}
