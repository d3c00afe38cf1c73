package ferry.web.admin.operations;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.ApiKeyService;
import ferry.core.auth.CreatedApiKey;
import ferry.core.auth.FileApiKeyService;
import ferry.core.auth.KeyScope;
import ferry.core.auth.NewApiKey;
import ferry.core.error.ValidationException;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code /web/admin/apikeys} ({@code *}): every API key with its scope, owner, expiry, last use and
 * IP allow-list; create an automation key (the service of {@code ferry apikey} and /v1) or a file
 * server key (the service of {@code /api/v2/apikeys}) acting as an admin or a user, each with its
 * own IP allow-list, the secret shown once; revoke any key (the core's revoke, which both faces honour).
 */
final class ApiKeyPages {
  static final String PATH = "/web/admin/apikeys";
  private final ApiKeyService keys;
  private final FileApiKeyService fileKeys;

  ApiKeyPages(WebServices services) {
    this.keys = services.core().apiKeys();
    this.fileKeys = services.core().fileApiKeys();
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.ADMIN, (ctx, page) -> render(ctx, page, manager(ctx), ApiKeyView.Form.EMPTY, null, null));
    web.post(PATH, Access.ADMIN, this::create);
    web.post(PATH + "/{id}/revoke", Access.ADMIN, (ctx, page) -> {
      keys.revoke(manager(ctx).actor(), ctx.pathParam("id"));
      ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    });
  }

  private static WebCaller manager(Context ctx) {
    WebCaller c = WebAuth.caller(ctx);
    c.require(AdminPermission.ALL);
    return c;
  }

  private void create(Context ctx, Page page) {
    WebCaller c = manager(ctx);
    ApiKeyView.Form f = new ApiKeyView.Form(field(ctx, "name"), field(ctx, "scope"), field(ctx, "account"),
        field(ctx, "expires"), field(ctx, "ips"), field(ctx, "description"));
    CreatedApiKey created;
    try {
      created = create(c, f);
    } catch (ValidationException e) {
      ctx.status(422);
      render(ctx, page, c, f, null, page.messages().core(e.getMessage()));
      return;
    }
    render(ctx, page, c, ApiKeyView.Form.EMPTY, created, null);
  }

  /** An automation key (/v1) or a file server key (/api/v2) acting as the named admin or user. */
  private CreatedApiKey create(WebCaller c, ApiKeyView.Form f) {
    Instant expires = expiry(f.expires());
    return switch (f.scope()) {
      case "file_admin", "file_user" -> {
        boolean admin = f.scope().equals("file_admin");
        yield fileKeys.create(c.actor(), new FileApiKeyService.KeyInput(f.name(), admin ? 1 : 2, expires,
            f.description(), admin ? null : f.account(), admin ? f.account() : null), ips(f.ips()));
      }
      default -> keys.create(c.actor(), new NewApiKey(f.name(), KeyScope.parse(f.scope()), ips(f.ips()), expires,
          f.description()));
    };
  }

  private void render(Context ctx, Page page, WebCaller c, ApiKeyView.Form form, CreatedApiKey created, String error) {
    ApiKeyView view = new ApiKeyView(keys.list(c.actor()), form, created, error, Instant.now());
    // the secret is in this answer only: no cache may keep it
    ctx.header("Cache-Control", "no-store");
    Pages.render(ctx, "admin/operations/apikeys.jte", Map.of("page", page, "view", view));
  }

  /** The allow-list as typed: addresses or CIDR ranges separated by commas, spaces or lines; empty for the default. */
  static List<String> ips(String text) {
    return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
  }

  /** The end of the chosen day (UTC), or null for never. */
  static Instant expiry(String day) {
    if (day.isEmpty()) return null;
    try {
      return LocalDate.parse(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationException("expires must be a date like 2026-12-31, got '" + day + "'");
    }
  }

  private static String field(Context ctx, String name) {
    String v = ctx.formParam(name);
    return v == null ? "" : v.trim();
  }
}
