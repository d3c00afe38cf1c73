package ferry.web.admin.operations;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.job.JobStatus;
import ferry.core.job.JobSummary;
import ferry.core.page.PageRequest;
import ferry.core.session.ConnectionInfo;
import ferry.core.status.ServicesStatus;
import ferry.core.transfer.TransferFilter;
import ferry.core.transfer.TransferRecord;
import ferry.httpd.HttpServices;
import ferry.web.WebServices;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebAuth;
import ferry.web.frame.WebCaller;
import ferry.web.frame.WebRoutes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /web/admin}: listeners with SSH host key fingerprints, counts, active transfers, recent failures. */
final class DashboardPage {
  static final int RECENT = 5;
  private final HttpServices core;

  DashboardPage(WebServices services) {
    this.core = services.core();
  }

  void register(WebRoutes web) {
    web.get("/web/admin", Access.ADMIN, (ctx, page) ->
        Pages.render(ctx, "admin/dashboard.jte", Map.of("page", page, "view", view(WebAuth.caller(ctx)))));
  }

  DashboardView view(WebCaller c) {
    Actor a = c.actor();
    ServicesStatus status = c.has(AdminPermission.VIEW_STATUS) ? core.status().get() : null;
    boolean conns = c.has(AdminPermission.VIEW_CONNS);
    boolean all = c.has(AdminPermission.ALL);
    List<ConnectionInfo> live = conns ? core.connections().list() : null;
    List<DashboardView.Count> counts = new ArrayList<>();
    if (c.has(AdminPermission.VIEW_USERS))
      counts.add(new DashboardView.Count("operations.dashboard.count.users",
          core.users().list(a, new PageRequest(1, 1)).total(), "/web/admin/users"));
    if (c.has(AdminPermission.MANAGE_GROUPS))
      counts.add(new DashboardView.Count("operations.dashboard.count.groups", core.groups().list(a).size(),
          "/web/admin/groups"));
    if (c.has(AdminPermission.MANAGE_FOLDERS))
      counts.add(new DashboardView.Count("operations.dashboard.count.folders", core.folders().list(a).size(),
          "/web/admin/folders"));
    if (all)
      counts.add(new DashboardView.Count("operations.dashboard.count.admins",
          core.admins().list(a, 0, 10_000, false).size(), "/web/admin/admins"));
    if (conns)
      counts.add(new DashboardView.Count("operations.dashboard.count.connections", live.size(),
          "/web/admin/connections"));
    if (all)
      counts.add(new DashboardView.Count("operations.dashboard.count.jobs",
          core.jobs().list(a, JobStatus.RUNNING, null, new PageRequest(1, 1)).total(), "/web/admin/jobs"));
    List<TransferRecord> failed = conns
        ? core.transfers().list(a, new TransferFilter(null, null, false), RECENT, 0).items() : null;
    List<JobSummary> failedJobs = all
        ? core.jobs().list(a, JobStatus.FAILED, null, new PageRequest(1, RECENT)).items() : null;
    return new DashboardView(status, counts, live, failed, failedJobs, Instant.now());
  }
}
