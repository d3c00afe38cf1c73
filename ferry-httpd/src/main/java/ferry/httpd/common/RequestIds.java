package ferry.httpd.common;

import ferry.core.Ids;
import io.javalin.http.Context;
import org.slf4j.MDC;

/** Gives each request an id, echoed in X-Request-Id and put in the log MDC as request_id. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";

  private RequestIds() {}

  public static void assign(Context ctx) {
    String id = Ids.random(9);
    ctx.header(HEADER, id);
    MDC.put("request_id", id);
  }

  public static void clear(Context ctx) {
    MDC.remove("request_id");
  }
}
