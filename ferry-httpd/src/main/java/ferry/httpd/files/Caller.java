package ferry.httpd.files;

import static java.util.Objects.requireNonNull;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.error.AuthenticationException;
import ferry.core.error.PermissionDeniedException;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Who calls the file server's API (/api/v2): an admin with its permissions, or a file-server user;
 * and how it proved it. {@link FileServerAuth} sets it on every authenticated request; routes read
 * it through {@link #admin}, {@link #user} or {@link #of}.
 *
 * @param actor the admin as the core services know callers; for a user, the user as an actor
 * @param permissions the admin's permissions (empty for a user)
 * @param tokenId the JWT id when the caller sent a token (what logout revokes), else null
 */
public record Caller(Kind kind, String username, Actor actor, Set<AdminPermission> permissions, Via via,
    String tokenId) {
  public enum Kind { ADMIN, USER }

  public enum Via { TOKEN, API_KEY }

  static final String ATTRIBUTE = "ferry.files.caller";

  public Caller {
    requireNonNull(kind, "No caller kind");
    requireNonNull(username, "No caller name");
    requireNonNull(actor, "No caller actor");
    requireNonNull(via, "No way of proof");
    permissions = Set.copyOf(permissions);
  }

  /** Whether this admin holds {@code p} (or {@code *}). */
  public boolean has(AdminPermission p) {
    return kind == Kind.ADMIN && (permissions.contains(AdminPermission.ALL) || permissions.contains(p));
  }

  /** The authenticated caller of this request. */
  public static Caller of(Context ctx) {
    Caller c = ctx.attribute(ATTRIBUTE);
    if (c == null) throw new AuthenticationException("missing credentials: send a token (Authorization: Bearer) or an API key (X-SFTPGO-API-KEY)");
    return c;
  }

  /** The calling admin; 401 for a user, 403 when the admin lacks {@code needed}. */
  public static Caller admin(Context ctx, AdminPermission needed) {
    Caller c = of(ctx);
    if (c.kind != Kind.ADMIN) throw new AuthenticationException("this route needs an admin token or an admin API key");
    if (!c.has(needed))
      throw new PermissionDeniedException("admin " + c.username + " lacks the permission " + needed.wire());
    return c;
  }

  /** The calling file-server user; 401 for an admin. */
  public static Caller user(Context ctx) {
    Caller c = of(ctx);
    if (c.kind != Kind.USER) throw new AuthenticationException("this route needs a user token or a user API key");
    return c;
  }

  /** Remembers the authenticated caller for the routes. */
  static void set(Context ctx, Caller c) {
    ctx.attribute(ATTRIBUTE, c);
  }
}
