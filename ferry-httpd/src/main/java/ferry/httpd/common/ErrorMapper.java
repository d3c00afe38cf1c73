package ferry.httpd.common;

import ferry.core.error.AuthenticationException;
import ferry.core.error.ConflictException;
import ferry.core.error.FerryException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PayloadTooLargeException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.QuotaExceededException;
import ferry.core.error.RateLimitedException;
import ferry.core.error.UnavailableException;
import ferry.core.error.ValidationException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into its face's error body ({@link ErrorBody}), once, at the edge. */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  /** An expected failure: its own status and its message. */
  public static void ferry(FerryException e, Context ctx) {
    HttpStatus status = switch (e) {
      case ValidationException v -> HttpStatus.BAD_REQUEST;
      case AuthenticationException a -> HttpStatus.UNAUTHORIZED;
      case PermissionDeniedException p -> HttpStatus.FORBIDDEN;
      case NotFoundException n -> HttpStatus.NOT_FOUND;
      case ConflictException c -> HttpStatus.CONFLICT;
      case PayloadTooLargeException p -> HttpStatus.CONTENT_TOO_LARGE;
      case UnavailableException u -> HttpStatus.SERVICE_UNAVAILABLE;
      case QuotaExceededException q -> HttpStatus.CONTENT_TOO_LARGE;
      case RateLimitedException r -> HttpStatus.TOO_MANY_REQUESTS;
    };
    if (e instanceof RateLimitedException r) // whole seconds, rounded up (RFC 9110)
      ctx.header("Retry-After", Long.toString(Math.max(1, (r.retryAfter().toMillis() + 999) / 1000)));
    Map<String, Object> details = e instanceof ValidationException v ? v.details() : Map.of();
    // every /v1 route takes HTTP Basic admin credentials as well as an API key
    if (status == HttpStatus.UNAUTHORIZED) ctx.header("WWW-Authenticate", "Basic realm=\"ferry\"");
    if (status == HttpStatus.SERVICE_UNAVAILABLE) ctx.header("Retry-After", "1");
    if (status == HttpStatus.FORBIDDEN || status == HttpStatus.UNAUTHORIZED)
      log.warn("refused {} {} from {}: {}", ctx.method(), ctx.path(), ctx.ip(), e.getMessage());
    write(ctx, status, e.getMessage(), details);
  }

  /** A status Javalin raised itself (413 for a large body, 404 for no route, 405 for another method, ...). */
  public static void javalin(HttpResponseException e, Context ctx) {
    HttpStatus status = HttpStatus.forStatus(e.getStatus());
    String allow = status == HttpStatus.METHOD_NOT_ALLOWED ? AllowedMethods.header(e.getDetails().values()) : "";
    if (!allow.isEmpty()) ctx.header("Allow", allow);
    String message = switch (status) {
      case CONTENT_TOO_LARGE -> "the request body is larger than the server accepts";
      case NOT_FOUND -> "this server does not serve " + ctx.method() + " " + ctx.path();
      case METHOD_NOT_ALLOWED -> "method " + ctx.method() + " is not allowed on " + ctx.path()
          + (allow.isEmpty() ? "" : "; it serves " + allow);
      default -> e.getMessage();
    };
    write(ctx, status, message, Map.of());
  }

  /** A bug or an infrastructure fault: logged in full, the client gets the request id only. */
  public static void unexpected(Exception e, Context ctx) {
    if (clientLeft(e)) {
      // an ordinary event (a killed curl, a dropped network): one line, no stack (issue 11)
      log.info("HTTP client {} left during {} {} before its request was complete ({})", ctx.ip(), ctx.method(),
          ctx.path(), e.getMessage());
      write(ctx, HttpStatus.BAD_REQUEST, "the request ended before its body was complete", Map.of());
      return;
    }
    if (tooLongForItsColumn(e)) {
      log.warn("refused {} {} from {}: a value is longer than its column", ctx.method(), ctx.path(), ctx.ip());
      write(ctx, HttpStatus.BAD_REQUEST, "a value in the request is longer than the server stores for that field",
          Map.of());
      return;
    }
    log.error("unexpected failure in {} {} (request {})", ctx.method(), ctx.path(),
        ctx.res().getHeader(RequestIds.HEADER), e);
    write(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error; the server log has the details under request id "
            + ctx.res().getHeader(RequestIds.HEADER), Map.of());
  }

  /** The connection ended under the request: Jetty's end of stream, or a closed channel. */
  private static boolean clientLeft(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EofException || t instanceof ClosedChannelException) return true;
      if (t.getCause() == t) break;
    }
    return false;
  }

  /**
   * A value the services did not bound and the database refused as too long or out of range
   * (SQLSTATE 22001 or 22003, on H2 and PostgreSQL alike): the client's fault, not a 500.
   */
  private static boolean tooLongForItsColumn(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().equals("22001") || sql.getSQLState().equals("22003"))) return true;
      if (t.getCause() == t) break;
    }
    return false;
  }

  static void write(Context ctx, HttpStatus status, String message, Map<String, Object> details) {
    UnreadBodies.settle(ctx);
    ctx.status(status).json(ErrorBody.of(ctx.path(), status.getCode(), status.getMessage(), message, details));
  }
}
