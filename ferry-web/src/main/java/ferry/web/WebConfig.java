package ferry.web;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How the web UI is served.
 *
 * @param secureCookies whether cookies carry {@code Secure}: true on the HTTPS listener (the default);
 *     false only for a plain-HTTP listener, where a browser would drop such cookies
 * @param initialAdminPassword the file holding the first admin's generated password while it has not
 *     been changed: while it exists, {@code /web/admin/setup} offers to choose the real one
 */
public record WebConfig(boolean secureCookies, Path initialAdminPassword) {
  public WebConfig {
    requireNonNull(initialAdminPassword, "No initial admin password file");
  }
}
