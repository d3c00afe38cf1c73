package ferry.httpd;

import io.javalin.config.RoutesConfig;

/**
 * A face the HTTP listener serves beside its API faces, built by a module that depends on this one
 * (the web UI in ferry-web), registered at construction like the built-in faces.
 */
public interface HttpFace {
  /** Adds this face's routes and before/after handlers. */
  void register(RoutesConfig routes);
}
