package ferry.httpd.files.ops;

import ferry.httpd.files.Answers;
import ferry.core.account.UserProfiles;
import ferry.core.account.UserProfiles.Profile;
import ferry.core.error.PermissionDeniedException;
import ferry.httpd.common.Body;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calling user's own profile and password, /api/v2/user/profile and /api/v2/user/changepwd.
 * Public keys are part of the profile (the reference has no separate path for them).
 */
final class ProfileApi {
  private final UserProfiles profiles;

  ProfileApi(UserProfiles profiles) {
    this.profiles = profiles;
  }

  void register(RoutesConfig r) {
    r.get("/api/v2/user/profile", ctx -> ctx.json(view(profiles.profile(byToken(ctx).username()))));
    r.put("/api/v2/user/profile", ctx -> {
      Caller c = byToken(ctx);
      Body b = Body.of(ctx);
      profiles.update(c.username(), b.string("email"), b.string("description"), b.strings("public_keys"),
          b.bool("allow_api_key_auth"));
      Answers.message(ctx, HttpStatus.OK, "Profile updated");
    });
    r.put("/api/v2/user/changepwd", ctx -> {
      Caller c = byToken(ctx);
      Body b = Body.of(ctx);
      profiles.changePassword(c.username(), b.string("current_password"), b.string("new_password"));
      Answers.message(ctx, HttpStatus.OK, "Password updated");
    });
  }

  /**
   * The calling user; the reference takes only a token here (BearerAuth). The key itself
   * authenticated, so it is 403 as the reference answers ("API key authentication is not allowed").
   */
  private static Caller byToken(Context ctx) {
    Caller c = Caller.user(ctx);
    if (c.via() != Caller.Via.TOKEN)
      throw new PermissionDeniedException("API key authentication is not allowed: the profile and password routes"
          + " take a user token (Authorization: Bearer"
          + " from GET /api/v2/user/token), not an API key");
    return c;
  }

  /** The reference's UserProfile. */
  static Map<String, Object> view(Profile p) {
    Map<String, Object> m = new LinkedHashMap<>();
    // the schema says format: email, so no address is no field, as SFTPGo leaves it out (issue 12)
    if (p.email() != null && !p.email().isEmpty()) m.put("email", p.email());
    m.put("description", p.description());
    m.put("allow_api_key_auth", p.allowApiKeyAuth());
    m.put("public_keys", p.publicKeys());
    return m;
  }
}
