package ferry.httpd.files.user;

import static java.util.Objects.requireNonNull;

import ferry.core.account.LoginUser;
import ferry.core.account.UserService;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.session.FileSession;
import ferry.core.session.FileSessions;
import ferry.httpd.files.Caller;
import io.javalin.http.Context;

/**
 * Opens the core {@link FileSession} one /api/v2 user request works in, as protocol {@code HTTP}:
 * the session applies permissions, patterns, quotas, bandwidth and transfer records, and shows in
 * the live connection list while the request runs.
 */
public final class UserSessions {
  static final String PROTOCOL = "HTTP";

  private final UserService users;
  private final FileSessions sessions;

  public UserSessions(UserService users, FileSessions sessions) {
    this.users = requireNonNull(users, "No users");
    this.sessions = requireNonNull(sessions, "No file sessions");
  }

  /** A session for the calling user, from the client's address; the caller closes it. */
  FileSession open(Context ctx) {
    return open(Caller.user(ctx).username(), ctx.ip());
  }

  /** A session for {@code username}, already authenticated by its face (a token, a web session), from {@code ip}. */
  public FileSession open(String username, String ip) {
    // re-read on every request: a user disabled or expired after its token was issued stops here
    LoginUser user = users.findLoginUser(username)
        .orElseThrow(() -> new AuthenticationException("user " + username + " cannot log in"));
    if (user.deniedProtocols().stream().anyMatch(PROTOCOL::equalsIgnoreCase))
      throw new PermissionDeniedException("protocol " + PROTOCOL + " is not allowed for user " + username);
    return sessions.open(user.sessionFrom(ip), PROTOCOL, ip);
  }
}
