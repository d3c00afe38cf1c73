package ferry.web.frame;

import ferry.core.error.AuthenticationException;
import ferry.core.error.ConflictException;
import ferry.core.error.FerryException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.QuotaExceededException;
import ferry.core.error.RateLimitedException;
import ferry.core.error.ValidationException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI's one error translator: an expected failure becomes its status and a message in the
 * caller's language (as a fragment for htmx, a page otherwise); anything else is logged once and
 * shown as a generic error with the request id, never a stack trace.
 */
public final class WebErrors {
  private static final Logger log = LoggerFactory.getLogger(WebErrors.class);

  /** A request that changes something without the page's CSRF token, or from another site. */
  public static final class CsrfRefused extends RuntimeException {
    public CsrfRefused(String why) {
      super(why);
    }
  }

  private WebErrors() {}

  static void answer(Context ctx, Exception e, Messages m) {
    int status;
    String text;
    Map<String, List<String>> fields = Map.of();
    switch (e) {
      case CsrfRefused c -> {
        status = 403;
        text = m.t("error.csrf");
        log.warn("web request refused: {} {} remote_addr={}: {}", ctx.method(), ctx.path(), ctx.ip(), c.getMessage());
      }
      case ValidationException v -> {
        status = 422;
        text = m.core(v.getMessage());
        fields = localized(v, m);
      }
      case NotFoundException n -> {
        status = 404;
        text = m.core(n.getMessage());
      }
      case PermissionDeniedException p -> {
        status = 403;
        text = m.core(p.getMessage());
      }
      case AuthenticationException a -> {
        status = 401;
        text = m.core(a.getMessage());
      }
      case ConflictException c -> {
        status = 409;
        text = m.core(c.getMessage());
      }
      case QuotaExceededException q -> {
        status = 413;
        text = m.core(q.getMessage());
      }
      case RateLimitedException r -> {
        status = 429;
        text = m.t("error.rate_limited");
      }
      case FerryException f -> {
        status = 400;
        text = m.core(f.getMessage());
      }
      case io.javalin.http.HttpResponseException h -> {
        status = h.getStatus();
        text = h.getMessage();
      }
      default -> {
        String id = ctx.res().getHeader(ferry.httpd.common.RequestIds.HEADER);
        log.error("web request failed: {} {} request_id={}", ctx.method(), ctx.path(), id, e);
        status = 500;
        text = m.t("error.unexpected", id);
      }
    }
    ctx.status(status);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("status", status);
    params.put("message", text);
    params.put("fields", fields);
    params.put("messages", m);
    Pages.render(ctx, Pages.isHtmx(ctx) ? "error-fragment.jte" : "error.jte", params);
  }

  /**
   * The invalid field a {@link ValidationException} names ({@code details.field}) and its message in
   * the caller's language, for a form to show beside that field; empty when it names none.
   */
  public static Map<String, List<String>> localized(ValidationException v, Messages m) {
    Object field = v.details().get("field");
    return field == null ? Map.of() : Map.of(field.toString(), List.of(m.core(v.getMessage())));
  }
}
