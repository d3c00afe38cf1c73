package ferry.web.admin.automation;

import ferry.web.WebServices;
import ferry.web.frame.WebRoutes;

/** Console pages of automation: scripts and jobs, secrets, settings, agents, scheduled jobs, pipelines. */
public final class AutomationPages {
  private final WebServices services;

  public AutomationPages(WebServices services) {
    this.services = services;
  }

  public void register(WebRoutes web) {
    // routes come with their issue-15 part
  }

  WebServices services() {
    return services;
  }
}
