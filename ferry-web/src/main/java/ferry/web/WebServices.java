package ferry.web;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.mfa.MfaService;
import ferry.core.auth.web.WebSessionService;
import ferry.httpd.HttpServices;

/** What the web UI calls: the services every HTTP face calls, the web sessions and their second factor. */
public record WebServices(HttpServices core, WebSessionService sessions, WebConfig config, MfaService mfa) {
  public WebServices {
    requireNonNull(core, "No services");
    requireNonNull(sessions, "No web sessions");
    requireNonNull(config, "No web config");
    requireNonNull(mfa, "No second factor");
  }
}
