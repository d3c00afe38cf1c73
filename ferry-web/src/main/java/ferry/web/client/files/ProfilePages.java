package ferry.web.client.files;

import ferry.core.account.UserProfiles;
import ferry.core.auth.web.WebSession;
import ferry.core.error.ValidationException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's profile (/web/client/profile): password and SSH public keys, through the same core
 * calls as PUT /api/v2/user/changepwd and PUT /api/v2/user/profile. A password change ends every
 * web session of the user and opens a fresh one for this browser.
 */
final class ProfilePages {
  static final String PATH = "/web/client/profile";

  private final WebServices services;
  private final WebAuth auth;

  ProfilePages(WebServices services, WebAuth auth) {
    this.services = services;
    this.auth = auth;
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.USER, (ctx, page) -> show(ctx, page, null, null, HttpStatus.OK));
    web.post(PATH + "/password", Access.USER, this::password);
    web.post(PATH + "/keys", Access.USER, this::addKey);
    web.post(PATH + "/keys/remove", Access.USER, this::removeKey);
  }

  private void show(Context ctx, Page page, String passwordError, String keyError, HttpStatus status) {
    UserProfiles.Profile p = services.core().profiles().profile(WebAuth.caller(ctx).username());
    Map<String, Object> m = new HashMap<>();
    m.put("page", page);
    m.put("keys", p.publicKeys());
    m.put("passwordError", passwordError);
    m.put("keyError", keyError);
    m.put("done", FilePages.done(ctx));
    ctx.status(status);
    Pages.render(ctx, "client/files/profile.jte", m);
  }

  private void password(Context ctx, Page page) {
    String username = WebAuth.caller(ctx).username();
    String next = ctx.formParam("new_password");
    if (next == null || !next.equals(ctx.formParam("repeat_password"))) {
      show(ctx, page, page.t("files.profile.mismatch"), null, HttpStatus.UNPROCESSABLE_CONTENT);
      return;
    }
    try {
      services.core().profiles().changePassword(username, ctx.formParam("current_password"), next);
    } catch (ValidationException e) {
      show(ctx, page, page.messages().core(e.getMessage()), null, HttpStatus.UNPROCESSABLE_CONTENT);
      return;
    }
    // every web session of the user ends (other browsers too); this browser gets a fresh one
    services.sessions().closeAll(WebSession.Kind.USER, username);
    auth.open(ctx, WebSession.Kind.USER, username, auth.userStamp(username), WebSession.Stage.READY);
    ctx.redirect(PATH + "?done=password", HttpStatus.SEE_OTHER);
  }

  private void addKey(Context ctx, Page page) {
    String key = ctx.formParam("key") == null ? "" : ctx.formParam("key").strip();
    List<String> keys = new ArrayList<>(services.core().profiles().profile(WebAuth.caller(ctx).username()).publicKeys());
    keys.add(key);
    if (!update(ctx, page, keys)) return;
    ctx.redirect(PATH + "?done=key_added", HttpStatus.SEE_OTHER);
  }

  private void removeKey(Context ctx, Page page) {
    String key = ctx.formParam("key");
    List<String> keys = new ArrayList<>(services.core().profiles().profile(WebAuth.caller(ctx).username()).publicKeys());
    keys.remove(key);
    if (!update(ctx, page, keys)) return;
    ctx.redirect(PATH + "?done=key_removed", HttpStatus.SEE_OTHER);
  }

  /** Stores the keys; on a refusal shows the page with the core's reason and answers false. */
  private boolean update(Context ctx, Page page, List<String> keys) {
    try {
      services.core().profiles().update(WebAuth.caller(ctx).username(), null, null, keys, null);
      return true;
    } catch (ValidationException e) {
      show(ctx, page, null, page.messages().core(e.getMessage()), HttpStatus.UNPROCESSABLE_CONTENT);
      return false;
    }
  }
}
