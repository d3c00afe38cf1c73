package ferry.web.admin.automation;

import ferry.core.auth.Actor;
import ferry.core.job.Job;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobService;
import ferry.web.frame.EventStream;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A job's log as server-sent events, for htmx-ext-sse on the job page: {@code log} events (one
 * rendered line each, {@code id} its sequence number, so a reconnect resumes after the last one
 * seen), then one {@code status} event (the final status fragment) and {@code done}. It ends when
 * the job ends, when the client leaves (a write fails), when the admin's session ends, or after
 * {@link #MAX_OPEN}.
 */
final class JobLogStream {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration KEEPALIVE = Duration.ofSeconds(15);
  private static final Duration MAX_OPEN = Duration.ofHours(1);
  private static final Duration RECHECK = Duration.ofSeconds(5);

  private final JobService jobs;
  private final Actor actor;
  private final String id;
  private final Page page;
  private final BooleanSupplier sessionValid;

  /** @param sessionValid whether the admin's session still holds (re-checked every {@link #RECHECK}) */
  JobLogStream(JobService jobs, Actor actor, String id, Page page, BooleanSupplier sessionValid) {
    this.jobs = jobs;
    this.actor = actor;
    this.id = id;
    this.page = page;
    this.sessionValid = sessionValid;
  }

  void stream(Context ctx) throws IOException, InterruptedException {
    jobs.get(actor, id); // 404 before the stream starts
    long after = startAfter(ctx);
    EventStream out = EventStream.open(ctx);
    long started = System.nanoTime();
    long lastWrite = started;
    long lastCheck = started;
    try {
      out.send("open", "");
      while (System.nanoTime() - started < MAX_OPEN.toNanos()) {
        Job job = jobs.get(actor, id); // read before the log: lines written before it ended are all read below
        List<JobLogLine> lines;
        do {
          lines = jobs.log(actor, id, after);
          for (JobLogLine l : lines) {
            out.send(String.valueOf(l.seq()), "log",
                Pages.html("admin/automation/job_line.jte", Auto.model(page, "line", l)));
            after = l.seq();
          }
        } while (lines.size() == JobService.MAX_LOG_LINES);
        if (job.status().isFinal()) {
          out.send("status", Pages.html("admin/automation/job_status.jte", Auto.model(page, "job", job)));
          out.send("done", "");
          return;
        }
        if (System.nanoTime() - lastCheck > RECHECK.toNanos()) {
          if (!sessionValid.getAsBoolean()) return; // logged out, disabled, password changed: no more log
          lastCheck = System.nanoTime();
        }
        if (!lines.isEmpty()) lastWrite = System.nanoTime();
        if (System.nanoTime() - lastWrite > KEEPALIVE.toNanos()) {
          out.keepAlive();
          lastWrite = System.nanoTime();
        }
        Thread.sleep(POLL);
      }
    } catch (IOException clientLeft) {
      // the browser closed the page: nothing to answer
    }
  }

  /** After the {@code Last-Event-ID} a reconnecting browser sends, else after the {@code after} parameter. */
  private static long startAfter(Context ctx) {
    String v = ctx.header("Last-Event-ID");
    if (v == null) v = ctx.queryParam("after");
    try {
      return v == null ? 0 : Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
