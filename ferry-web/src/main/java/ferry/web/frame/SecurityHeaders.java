package ferry.web.frame;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The headers every web UI answer carries: a strict Content-Security-Policy (scripts and styles only
 * from Ferry itself, no inline script, no eval), no framing by other sites, no MIME sniffing, no
 * referrer leaving the site, and no caching of pages (static assets set their own).
 */
public final class SecurityHeaders {
  /** A page may frame only Ferry's own previews (PDF, text), never be framed by another site. */
  public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
      + "media-src 'self' blob:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  /** What a file preview (served inside the client's own frame) carries instead. */
  public static final String PREVIEW_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; "
      + "sandbox; frame-ancestors 'self'";

  /**
   * What a PDF preview carries instead: browsers show a PDF in their own viewer, and Chromium refuses
   * to start it in a sandboxed document ("blocked by Chrome"), so only framing is limited. The file
   * is served as {@code application/pdf} with nosniff, so it can never render as a page of Ferry's origin.
   */
  public static final String PREVIEW_PDF_CSP = "frame-ancestors 'self'";

  private SecurityHeaders() {}

  public static void register(RoutesConfig routes) {
    routes.before("/web/*", SecurityHeaders::apply);
    routes.before("/web", SecurityHeaders::apply);
  }

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (!ctx.path().startsWith(StaticAssets.PREFIX)) ctx.header("Cache-Control", "no-store");
  }

  /** For a file shown inside the web client's own preview frame. */
  public static void preview(Context ctx) {
    ctx.header("Content-Security-Policy", PREVIEW_CSP);
    ctx.header("X-Frame-Options", "SAMEORIGIN");
  }

  /** For a PDF (served as application/pdf, never sniffed) shown inside the web client's own preview frame. */
  public static void previewPdf(Context ctx) {
    ctx.header("Content-Security-Policy", PREVIEW_PDF_CSP);
    ctx.header("X-Frame-Options", "SAMEORIGIN");
    ctx.header("X-Content-Type-Options", "nosniff");
  }
}
