package ferry.core.auth.web;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A browser's login to the web UI, stored server-side so that every node knows it and logout, a
 * password change or an admin's revoke ends it at once. The browser holds only a random cookie; the
 * store holds its SHA-256 ({@link #id}).
 *
 * @param id hex SHA-256 of the cookie value
 * @param kind whether an admin (console) or a file-server user (web client) logged in
 * @param stamp the {@link WebSessionService#stampOf credential stamp} at login: a later password
 *     change makes it differ, which ends the session
 * @param stage {@link Stage#MFA} between the password and the second factor
 */
public record WebSession(String id, Kind kind, String username, String stamp, Stage stage, String ip,
    Instant createdAt, Instant lastSeenAt) {
  public enum Kind { ADMIN, USER }

  public enum Stage { READY, MFA }

  public WebSession {
    requireNonNull(id, "No session id");
    requireNonNull(kind, "No session kind");
    requireNonNull(username, "No session user");
    requireNonNull(stamp, "No credential stamp");
    requireNonNull(stage, "No session stage");
    requireNonNull(ip, "No session address");
    requireNonNull(createdAt, "No creation time");
    requireNonNull(lastSeenAt, "No last-seen time");
  }

  public WebSession withStage(Stage s) {
    return new WebSession(id, kind, username, stamp, s, ip, createdAt, lastSeenAt);
  }

  public WebSession withLastSeenAt(Instant t) {
    return new WebSession(id, kind, username, stamp, stage, ip, createdAt, t);
  }
}
