package ferry.web.admin.operations;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.web.WebSession;
import ferry.core.session.Connections;
import ferry.web.WebServices;
import ferry.web.frame.EventStream;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /web/admin/connections}: the live connections with their transfers (view_conns), refreshed
 * by Server-Sent Events, and Close (close_conns), the core call of {@code DELETE /api/v2/connections/{id}}.
 */
final class ConnectionPages {
  static final String PATH = "/web/admin/connections";
  /** One render per interval per open page. */
  static final Duration INTERVAL = Duration.ofSeconds(1);
  /** A stream ends after this; the browser's EventSource reconnects (and so logs in again if it must). */
  static final Duration MAX_STREAM = Duration.ofMinutes(10);
  /** How often an open stream re-checks its session and permission. */
  static final Duration RECHECK = Duration.ofSeconds(5);

  private final Connections connections;

  ConnectionPages(WebServices services) {
    this.connections = services.core().connections();
  }

  void register(WebRoutes web) {
    web.get(PATH, Access.ADMIN, (ctx, page) -> {
      WebAuth.caller(ctx).require(AdminPermission.VIEW_CONNS);
      Pages.render(ctx, "admin/operations/connections.jte", Map.of("page", page, "table", table(page)));
    });
    web.get(PATH + "/events", Access.ADMIN, (ctx, page) -> events(ctx, page, web.auth()));
    web.post(PATH + "/{id}/close", Access.ADMIN, (ctx, page) -> {
      WebCaller c = WebAuth.caller(ctx);
      c.require(AdminPermission.CLOSE_CONNS);
      connections.close(c.actor(), ctx.pathParam("id"));
      if (Pages.isHtmx(ctx)) ctx.contentType("text/html; charset=utf-8").result(table(page));
      else ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    });
  }

  private String table(Page page) {
    return Pages.html("admin/operations/connectionsTable.jte",
        Map.of("page", page, "connections", connections.list(), "now", Instant.now()));
  }

  /**
   * The live table as {@code event: connections} frames, one a second, until the client goes away
   * (a write fails), the session ends or {@link #MAX_STREAM} passes. Handlers run on virtual threads.
   */
  private void events(Context ctx, Page page, WebAuth auth) throws IOException {
    WebCaller caller = WebAuth.caller(ctx);
    caller.require(AdminPermission.VIEW_CONNS);
    EventStream out = EventStream.open(ctx);
    Instant end = Instant.now().plus(MAX_STREAM);
    Instant recheck = Instant.now().plus(RECHECK);
    try {
      out.retry(2000);
      while (Instant.now().isBefore(end)) {
        out.send("connections", table(page));
        Thread.sleep(INTERVAL);
        if (Instant.now().isAfter(recheck)) {
          if (!stillAllowed(ctx, auth)) break;
          recheck = Instant.now().plus(RECHECK);
        }
      }
    } catch (IOException gone) {
      // the page was closed or navigated away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The session is still open, unchanged, and its admin still holds view_conns. */
  private static boolean stillAllowed(Context ctx, WebAuth auth) {
    Optional<WebCaller> c = auth.session(ctx, WebSession.Kind.ADMIN);
    return c.isPresent() && c.get().session().stage() == WebSession.Stage.READY
        && c.get().has(AdminPermission.VIEW_CONNS);
  }
}
