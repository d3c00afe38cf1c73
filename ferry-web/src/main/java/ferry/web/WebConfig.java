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
 * @param uploadStaging where resumable (tus) uploads keep their bytes until the last one arrives
 */
public record WebConfig(boolean secureCookies, Path initialAdminPassword, Path uploadStaging) {
  public WebConfig {
    requireNonNull(initialAdminPassword, "No initial admin password file");
    requireNonNull(uploadStaging, "No upload staging directory");
  }

  /** Uploads staged in {@code tus} next to the initial admin password file (the data directory). */
  public WebConfig(boolean secureCookies, Path initialAdminPassword) {
    this(secureCookies, initialAdminPassword, initialAdminPassword.toAbsolutePath().resolveSibling("tus"));
  }
}
