package ferry.httpd.orchestration;

import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.List;

/**
 * HEAD on the orchestration face runs the GET route, so it answers as GET does (401, 403, 404 or
 * 200), without the body. Left to itself, Javalin answers a HEAD 200 whenever a GET route matches,
 * without running that route: the checks that live in the routes ({@link ApiCaller#of},
 * {@link ApiCaller#mustSee}) never ran, and a HEAD without credentials got 200 (issue 13's tenancy
 * matrix found it).
 */
public final class HeadRequests {
  private HeadRequests() {}

  /** Adds a HEAD route with the handler of every /api GET route (not /api/v2), in their order. */
  public static void mirrorGets(InternalRouter router) {
    List<ParsedEndpoint> routes = List.copyOf(router.allHttpHandlers());
    for (ParsedEndpoint e : routes) {
      Endpoint get = e.endpoint;
      if (get.method == HandlerType.GET && OrchestrationAuth.isOrchestration(get.path))
        router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler));
    }
  }
}
