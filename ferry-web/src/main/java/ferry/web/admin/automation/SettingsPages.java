package ferry.web.admin.automation;

import ferry.core.error.ValidationException;
import ferry.core.settings.RateLimitSettings;
import ferry.core.settings.SettingsService;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** The runtime settings (as PATCH /v1/adm/settings changes them), with a message beside each refused field. */
final class SettingsPages {
  private static final String BASE = "/web/admin/settings";
  static final String PUBLIC = "rateLimitPublic";
  static final String AUTHENTICATED = "rateLimitAuthenticated";
  static final String AGENT = "rateLimitAgent";

  private final SettingsService settings;

  SettingsPages(SettingsService settings) {
    this.settings = settings;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      RateLimitSettings r = settings.rateLimits();
      SettingsForm f = new SettingsForm(settings.get().allowCliRun(), String.valueOf(r.publicPerMinute()),
          String.valueOf(r.authenticatedPerMinute()), String.valueOf(r.agentPerMinute()));
      show(ctx, page, f, Map.of(), ctx.queryParam("saved") != null, 200);
    });
    web.post(BASE, Access.ADMIN, this::save);
  }

  private void save(Context ctx, Page page) {
    var actor = Auto.admin(ctx).actor();
    SettingsForm f = new SettingsForm("on".equals(ctx.formParam("allowCliRun")) || "true".equals(ctx.formParam("allowCliRun")),
        text(ctx, PUBLIC), text(ctx, AUTHENTICATED), text(ctx, AGENT));
    Map<String, String> errors = new LinkedHashMap<>();
    Long pub = number(f.rateLimitPublic(), PUBLIC, errors, page);
    Long auth = number(f.rateLimitAuthenticated(), AUTHENTICATED, errors, page);
    Long agent = number(f.rateLimitAgent(), AGENT, errors, page);
    if (errors.isEmpty()) {
      try {
        // the same order as the /v1 route: the limits (checked as a whole) before the switch
        settings.updateRateLimits(actor, pub, auth, agent);
        settings.update(actor, f.allowCliRun());
        Auto.redirect(ctx, BASE + "?saved=1");
        return;
      } catch (ValidationException e) {
        errors.putAll(Auto.errors(e, page.messages(), PUBLIC));
      }
    }
    show(ctx, page, f, errors, false, 422);
  }

  private static String text(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v.trim();
  }

  /** A whole number, or a message for the field (the core checks the range). */
  private static Long number(String v, String field, Map<String, String> errors, Page page) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      errors.put(field, page.t("automation.settings.not_a_number"));
      return null;
    }
  }

  private static void show(Context ctx, Page page, SettingsForm f, Map<String, String> errors, boolean saved,
      int status) {
    ctx.status(status);
    Pages.render(ctx, "admin/automation/settings.jte",
        Auto.model(page, "form", f, "errors", errors, "saved", saved));
  }
}
