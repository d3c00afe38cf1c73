package ferry.web.frame;

import static java.util.Objects.requireNonNull;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.auth.web.WebSession;
import ferry.core.error.PermissionDeniedException;
import java.util.Set;

/**
 * Who is logged in to this web request: an admin of the console (with its permissions) or a
 * file-server user of the web client.
 *
 * @param cookie the session cookie's value; the page's CSRF token derives from it
 */
public record WebCaller(WebSession session, String cookie, Actor actor, Set<AdminPermission> permissions) {
  public WebCaller {
    requireNonNull(session, "No session");
    requireNonNull(cookie, "No cookie");
    requireNonNull(actor, "No actor");
    permissions = Set.copyOf(permissions);
  }

  public String username() {
    return session.username();
  }

  public boolean isAdmin() {
    return session.kind() == WebSession.Kind.ADMIN;
  }

  /** Whether this admin holds {@code p} (or {@code *}). */
  public boolean has(AdminPermission p) {
    return isAdmin() && (permissions.contains(AdminPermission.ALL) || permissions.contains(p));
  }

  /** Refuses (403) an admin without {@code p}. */
  public void require(AdminPermission p) {
    if (!has(p)) throw new PermissionDeniedException("admin " + username() + " lacks the permission " + p.wire());
  }
}
