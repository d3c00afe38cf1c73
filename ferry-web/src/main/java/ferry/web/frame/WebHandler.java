package ferry.web.frame;

import io.javalin.http.Context;

/** A web route's handler; {@link WebRoutes} has checked the session and CSRF token before it runs. */
@FunctionalInterface
public interface WebHandler {
  void handle(Context ctx, Page page) throws Exception;
}
