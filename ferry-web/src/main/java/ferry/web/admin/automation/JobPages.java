package ferry.web.admin.automation;

import ferry.core.admin.AdminPermission;
import ferry.core.auth.web.WebSession;
import ferry.core.job.Job;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobService;
import ferry.core.job.JobStatus;
import ferry.core.job.JobSummary;
import ferry.core.page.Page;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/** Job history (server-side paged, filtered by script and status), a job with its log, and cancel. */
final class JobPages {
  private static final String BASE = "/web/admin/jobs";
  /** The most log lines a job page shows at once; the rest stays in the store (and the /v1 face). */
  static final int MAX_SHOWN_LINES = 20_000;

  private final JobService jobs;

  JobPages(JobService jobs) {
    this.jobs = jobs;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.ADMIN, this::list);
    web.get(BASE + "/{id}", Access.ADMIN, this::detail);
    web.get(BASE + "/{id}/events", Access.ADMIN, (ctx, page) ->
        new JobLogStream(jobs, Auto.admin(ctx).actor(), ctx.pathParam("id"), page,
            () -> web.auth().session(ctx, WebSession.Kind.ADMIN)
                .filter(c -> c.session().stage() == WebSession.Stage.READY && c.has(AdminPermission.ALL))
                .isPresent()).stream(ctx));
    web.post(BASE + "/{id}/cancel", Access.ADMIN, (ctx, page) -> {
      jobs.cancel(Auto.admin(ctx).actor(), ctx.pathParam("id"));
      Auto.redirect(ctx, BASE + "/" + ctx.pathParam("id"));
    });
  }

  private void list(Context ctx, ferry.web.frame.Page page) {
    var actor = Auto.admin(ctx).actor();
    String status = Auto.query(ctx, "status");
    String script = Auto.query(ctx, "script");
    Page<JobSummary> result =
        jobs.list(actor, status == null ? null : JobStatus.parse(status), script, Auto.paging(ctx));
    StringBuilder base = new StringBuilder(BASE + "?");
    if (status != null) base.append("status=").append(enc(status)).append('&');
    if (script != null) base.append("script=").append(enc(script)).append('&');
    Pages.render(ctx, "admin/automation/jobs.jte", Auto.model(page, "result", result, "status", status,
        "script", script, "statuses", JobStatus.values(), "base", base.substring(0, base.length() - 1)));
  }

  private void detail(Context ctx, ferry.web.frame.Page page) {
    var actor = Auto.admin(ctx).actor();
    String id = ctx.pathParam("id");
    Job job = jobs.get(actor, id);
    List<JobLogLine> log = new ArrayList<>();
    long after = 0;
    while (log.size() < MAX_SHOWN_LINES) {
      List<JobLogLine> more = jobs.log(actor, id, after);
      log.addAll(more);
      if (more.size() < JobService.MAX_LOG_LINES) break;
      after = more.getLast().seq();
    }
    long last = log.isEmpty() ? 0 : log.getLast().seq();
    Pages.render(ctx, "admin/automation/job.jte", Auto.model(page, "job", job, "log", log, "lastSeq", last,
        "transfers", jobs.transfers(actor, id)));
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
