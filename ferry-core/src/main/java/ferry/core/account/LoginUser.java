package ferry.core.account;

import ferry.core.session.SessionUser;
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
 */
public record LoginUser(
    SessionUser session,
    String passwordHash,
    List<String> publicKeys,
    List<String> allowedIps,
    List<String> deniedIps,
    List<String> deniedLoginMethods,
    List<String> deniedProtocols) {
  public LoginUser {
    publicKeys = List.copyOf(publicKeys);
    allowedIps = List.copyOf(allowedIps);
    deniedIps = List.copyOf(deniedIps);
    deniedLoginMethods = List.copyOf(deniedLoginMethods);
    deniedProtocols = List.copyOf(deniedProtocols);
  }

  public String username() {
    return session.username();
  }
}
