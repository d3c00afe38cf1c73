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
    var core = services.core();
    new ScriptPages(core.scripts(), core.jobs()).register(web);
    new JobPages(core.jobs()).register(web);
    new SecretPages(core.secrets()).register(web);
    new SettingsPages(core.settings()).register(web);
    new AgentPages(core.agents(), core.agentCertificates()).register(web);
    new SchedulePages(core.schedules()).register(web);
    new PipelinePages(core.pipelines()).register(web);
  }

  WebServices services() {
    return services;
  }
}
