package ferry.core.account;

import java.util.Set;

/**
 * How a file-server user logs in: the protocol (a reference {@code SupportedProtocols} value a
 * user's {@code denied_protocols} may list) and the {@code denied_login_methods} values that refuse it.
 */
public enum LoginMethod {
  SSH_PASSWORD("SSH", "password", Set.of("password", "password-over-SSH")),
  SSH_PUBLIC_KEY("SSH", "publickey", Set.of("publickey")),
  /** HTTP Basic on /api/v2/user/token (and the web client's form, were there one). */
  HTTP_PASSWORD("HTTP", "password", Set.of("password")),
  /** An API key acting as the user (X-SFTPGO-API-KEY); allowed by the user's allow_api_key_auth instead. */
  HTTP_API_KEY("HTTP", "api-key", Set.of()),
  /** A token from an earlier HTTP login, used again: its login method was checked when it was issued. */
  HTTP_TOKEN("HTTP", "token", Set.of());

  private final String protocol;
  private final String method;
  private final Set<String> deniedBy;

  LoginMethod(String protocol, String method, Set<String> deniedBy) {
    this.protocol = protocol;
    this.method = method;
    this.deniedBy = deniedBy;
  }

  /** The protocol, e.g. {@code SSH}, {@code HTTP}. */
  public String protocol() {
    return protocol;
  }

  /** The method as logs name it, e.g. {@code password}. */
  public String method() {
    return method;
  }

  /** The {@code denied_login_methods} values that refuse this method. */
  public Set<String> deniedBy() {
    return deniedBy;
  }
}
