package ferry.web.frame;

import ferry.core.auth.web.WebSession;
import ferry.core.auth.web.WebSessionService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Optional;

/**
 * The one route table helper of the web UI: every route names its {@link Access}, and before its
 * handler runs this checks the session (a missing one goes to the login page, or answers 401 with
 * {@code HX-Redirect} to htmx), the CSRF token of every request that changes something (header
 * {@code X-CSRF-Token}, or form field {@code _csrf}) and a cross-site {@code Origin}. Errors become
 * pages or fragments in the caller's language ({@link WebErrors}).
 */
public final class WebRoutes {
  public static final String CSRF_HEADER = "X-CSRF-Token";
  public static final String CSRF_FIELD = "_csrf";

  private final RoutesConfig routes;
  private final WebAuth auth;

  public WebRoutes(RoutesConfig routes, WebAuth auth) {
    this.routes = routes;
    this.auth = auth;
  }

  public WebAuth auth() {
    return auth;
  }

  public void get(String path, Access access, WebHandler h) {
    add(HandlerType.GET, path, access, h);
  }

  public void post(String path, Access access, WebHandler h) {
    add(HandlerType.POST, path, access, h);
  }

  public void put(String path, Access access, WebHandler h) {
    add(HandlerType.PUT, path, access, h);
  }

  public void patch(String path, Access access, WebHandler h) {
    add(HandlerType.PATCH, path, access, h);
  }

  public void delete(String path, Access access, WebHandler h) {
    add(HandlerType.DELETE, path, access, h);
  }

  /** Any other method (tus uses HEAD and OPTIONS): the same checks. */
  public void add(HandlerType method, String path, Access access, WebHandler h) {
    routes.addHttpHandler(method, path, ctx -> handle(ctx, access, h));
  }

  private void handle(Context ctx, Access access, WebHandler h) {
    Messages messages = Messages.of(Locales.of(ctx));
    try {
      Optional<WebCaller> caller = authenticate(ctx, access);
      if (caller.isEmpty() && access != Access.PUBLIC) return; // answered: to the login page
      String csrf = caller.map(c -> WebSessionService.csrfToken(c.cookie())).orElseGet(() -> auth.preLoginToken(ctx));
      if (changes(ctx) && !sameOrigin(ctx)) throw new WebErrors.CsrfRefused("cross-site request");
      if (changes(ctx) && !csrf.equals(submittedToken(ctx))) throw new WebErrors.CsrfRefused("missing or wrong CSRF token");
      caller.ifPresent(c -> ctx.attribute(WebAuth.CALLER, c));
      h.handle(ctx, new Page(messages, csrf, caller, area(ctx.path()), ctx.path()));
    } catch (Exception e) {
      WebErrors.answer(ctx, e, messages);
    }
  }

  private Optional<WebCaller> authenticate(Context ctx, Access access) {
    if (access == Access.PUBLIC) return Optional.empty();
    WebSession.Kind kind = access == Access.ADMIN || access == Access.ADMIN_MFA ? WebSession.Kind.ADMIN : WebSession.Kind.USER;
    boolean mfaStep = access == Access.ADMIN_MFA || access == Access.USER_MFA;
    Optional<WebCaller> c = auth.session(ctx, kind);
    WebSession.Stage wanted = mfaStep ? WebSession.Stage.MFA : WebSession.Stage.READY;
    if (c.isPresent() && c.get().session().stage() == wanted) return c;
    String login = WebAuth.path(kind) + (c.isPresent() && !mfaStep ? "/login/mfa" : "/login");
    if (Pages.isHtmx(ctx)) {
      ctx.header("HX-Redirect", login).status(401);
    } else if (ctx.method() == HandlerType.GET) {
      ctx.redirect(login + (c.isEmpty() ? "?next=" + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8) : ""), io.javalin.http.HttpStatus.SEE_OTHER);
    } else {
      ctx.status(401).contentType("text/plain; charset=utf-8").result(Messages.of(Locales.of(ctx)).t("error.login_needed"));
    }
    return Optional.empty();
  }

  private static boolean changes(Context ctx) {
    HandlerType m = ctx.method();
    return m != HandlerType.GET && m != HandlerType.HEAD && m != HandlerType.OPTIONS;
  }

  /** A browser names the page's origin on every POST; another site's origin is refused. */
  private static boolean sameOrigin(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || origin.equals("null")) return origin == null;
    try {
      URI o = URI.create(origin);
      String host = ctx.header("Host");
      return host != null && host.equalsIgnoreCase(o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String submittedToken(Context ctx) {
    String header = ctx.header(CSRF_HEADER);
    if (header != null) return header;
    String type = ctx.contentType();
    // only a urlencoded form is read for the field: a multipart or binary body is streamed by its handler
    if (type != null && type.startsWith("application/x-www-form-urlencoded")) return ctx.formParam(CSRF_FIELD);
    return null;
  }

  private static String area(String path) {
    if (path.startsWith("/web/admin")) return "admin";
    if (path.startsWith("/web/client")) return "client";
    return "public";
  }
}
