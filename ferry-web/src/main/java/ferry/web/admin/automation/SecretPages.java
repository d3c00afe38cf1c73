package ferry.web.admin.automation;

import ferry.core.error.ValidationException;
import ferry.core.secret.SecretService;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Secrets are write-only: the page lists names and dates, sets a new one, rotates (sets a new
 * value), deletes. No value is ever rendered back, not even its length.
 */
final class SecretPages {
  private static final String BASE = "/web/admin/secrets";

  private final SecretService secrets;

  SecretPages(SecretService secrets) {
    this.secrets = secrets;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      show(ctx, page, Map.of(), "", Auto.query(ctx, "done"), Auto.query(ctx, "name"), 200);
    });
    web.post(BASE, Access.ADMIN, this::set);
    web.post(BASE + "/delete", Access.ADMIN, (ctx, page) -> {
      String name = ctx.formParam("name");
      secrets.delete(Auto.admin(ctx).actor(), name);
      Auto.redirect(ctx, BASE + "?done=deleted&name=" + enc(name));
    });
  }

  /** Sets a new secret or rotates one (the form says which, for the notice). */
  private void set(Context ctx, Page page) {
    var actor = Auto.admin(ctx).actor();
    String name = ctx.formParam("name");
    try {
      SecretService.SetResult r = secrets.set(actor, name == null ? null : name.trim(), ctx.formParam("value"));
      Auto.redirect(ctx, BASE + "?done=" + (r.created() ? "created" : "rotated") + "&name=" + enc(r.info().name()));
    } catch (ValidationException e) {
      String field = e.getMessage().startsWith("secret name") ? "name" : "value";
      show(ctx, page, Auto.errors(e, page.messages(), field), name, null, null, 422);
    }
  }

  private void show(Context ctx, Page page, Map<String, String> errors, String name, String done, String doneName,
      int status) {
    ctx.status(status);
    Pages.render(ctx, "admin/automation/secrets.jte", Auto.model(page,
        "secrets", secrets.list(Auto.admin(ctx).actor()), "errors", errors, "name", name == null ? "" : name,
        "done", done == null || !done.matches("created|rotated|deleted") ? null : done, "doneName", doneName));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s == null ? "" : s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
