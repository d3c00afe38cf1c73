package ferry.web;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.web.WebSessionService;
import ferry.httpd.HttpServices;

/** What the web UI calls: the services every HTTP face calls, and the web sessions. */
public record WebServices(HttpServices core, WebSessionService sessions, WebConfig config) {
  public WebServices {
    requireNonNull(core, "No services");
    requireNonNull(sessions, "No web sessions");
    requireNonNull(config, "No web config");
  }
}
