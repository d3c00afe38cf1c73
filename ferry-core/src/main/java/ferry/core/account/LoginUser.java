package ferry.core.account;

import ferry.core.auth.Cidr;
import ferry.core.session.SessionUser;
import java.net.InetAddress;
import java.util.List;

/**
 * A user as a login sees it: the stored credentials plus the merged session settings. Only
 * enabled, unexpired users are returned by {@link UserDirectory#findLoginUser}.
 *
 * @param session the settings the session runs with
 * @param passwordHash the argon2id hash, or null when the user has no password
 * @param publicKeys the user's public keys in OpenSSH format
 * @param allowedIps CIDRs a login may come from; empty allows all
 * @param deniedIps CIDRs refused, checked before the allowed ones
 * @param deniedLoginMethods reference API login methods refused, e.g. {@code password}
 * @param deniedProtocols protocols refused, e.g. {@code SSH}, {@code HTTP}
 * @param bandwidthLimits per-network bandwidth overrides; the first whose sources hold the client wins
 */
public record LoginUser(
    SessionUser session,
    String passwordHash,
    List<String> publicKeys,
    List<String> allowedIps,
    List<String> deniedIps,
    List<String> deniedLoginMethods,
    List<String> deniedProtocols,
    List<BandwidthLimit> bandwidthLimits) {
  public LoginUser {
    publicKeys = List.copyOf(publicKeys);
    allowedIps = List.copyOf(allowedIps);
    deniedIps = List.copyOf(deniedIps);
    deniedLoginMethods = List.copyOf(deniedLoginMethods);
    deniedProtocols = List.copyOf(deniedProtocols);
    bandwidthLimits = List.copyOf(bandwidthLimits);
  }

  /** The session settings for a client at {@code ip}: its network's bandwidth limits, if one is listed. */
  public SessionUser sessionFrom(String ip) {
    InetAddress addr = Cidr.address(ip);
    if (addr == null) {
      return session;
    }
    for (BandwidthLimit b : bandwidthLimits) {
      for (String source : b.sources()) {
        if (Cidr.parse(source).contains(addr)) {
          return session.withBandwidth(b.uploadBandwidth(), b.downloadBandwidth());
        }
      }
    }
    return session;
  }

  public String username() {
    return session.username();
  }
}
