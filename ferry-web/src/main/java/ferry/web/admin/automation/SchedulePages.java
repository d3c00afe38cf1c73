package ferry.web.admin.automation;

import ferry.core.page.Page;
import ferry.core.schedule.JobInput;
import ferry.core.schedule.JobRun;
import ferry.core.schedule.JobViewer;
import ferry.core.schedule.ScheduleService;
import ferry.core.schedule.ScheduledJob;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;

/** Scheduled jobs: the list with cron, next and last run; one job with its runs; enable and disable. */
final class SchedulePages {
  private static final String BASE = "/web/admin/schedules";

  private final ScheduleService schedules;

  SchedulePages(ScheduleService schedules) {
    this.schedules = schedules;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      Page<ScheduledJob> result = schedules.list(JobViewer.ADMIN, null, null, Auto.paging(ctx));
      Pages.render(ctx, "admin/automation/schedules.jte", Auto.model(page, "result", result,
          "rows", result.items().stream().map(this::row).toList()));
    });
    web.get(BASE + "/{id}", Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      ScheduledJob j = schedules.get(JobViewer.ADMIN, ctx.pathParam("id"));
      Page<JobRun> runs = schedules.runs(JobViewer.ADMIN, j.id(), Auto.paging(ctx));
      Pages.render(ctx, "admin/automation/schedule.jte", Auto.model(page, "row", row(j), "runs", runs));
    });
    web.post(BASE + "/{id}/enabled", Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      boolean enable = "true".equals(ctx.formParam("enabled"));
      schedules.update(ctx.pathParam("id"),
          new JobInput(null, null, null, null, null, null, null, null, null, enable, null, null, null));
      Auto.redirect(ctx, BASE + "/" + ctx.pathParam("id"));
    });
  }

  private ScheduleRow row(ScheduledJob j) {
    return new ScheduleRow(j, schedules.nextRunAt(j).orElse(null));
  }
}
