package ferry.httpd.orchestration.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.folder.FolderService;
import ferry.core.folder.StorageTarget;
import ferry.core.schedule.JobInput;
import ferry.core.schedule.JobViewer;
import ferry.core.schedule.LibraryPath;
import ferry.core.schedule.RunStatus;
import ferry.core.schedule.ScheduleService;
import ferry.core.schedule.ScheduledJob;
import ferry.httpd.common.Query;
import ferry.httpd.orchestration.ApiBody;
import ferry.httpd.orchestration.ApiCaller;
import ferry.httpd.orchestration.Envelope;
import ferry.httpd.orchestration.Paging;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scheduled jobs on the orchestration face (issue 13): admins create, change and delete them;
 * customers read their own; agents read theirs, fetch the VFS Library entry a job names, and
 * report their runs.
 */
public final class JobRoutes {
  private static final Set<String> JOB_FIELDS = Set.of("name", "customer", "agentId", "sourcePath", "destinationPath",
      "schedule", "timezone", "protocol", "direction", "enabled", "scriptName", "params", "misfirePolicy");
  private static final Set<String> RUN_START_FIELDS = Set.of("id", "scheduledAt");
  private static final Set<String> RUN_REPORT_FIELDS = Set.of("status", "error", "bytes", "files", "transferIds");
  private static final int MAX_TEXT = 4000;

  private final ScheduleService jobs;
  private final FolderService folders;

  public JobRoutes(ScheduleService jobs, FolderService folders) {
    this.jobs = jobs;
    this.folders = folders;
  }

  public void register(RoutesConfig r) {
    r.post("/api/jobs", ctx -> {
      ApiCaller.admin(ctx);
      Envelope.created(ctx, JobViews.job(jobs.create(input(ApiBody.of(ctx, JOB_FIELDS))), jobs));
    });
    r.get("/api/jobs", ctx -> {
      JobViewer v = viewer(ApiCaller.of(ctx));
      Envelope.page(ctx, jobs.list(v, Query.string(ctx, "agentId"), enabledFilter(ctx), Paging.of(ctx)),
          j -> JobViews.job(j, jobs));
    });
    r.get("/api/jobs/{id}", ctx ->
        Envelope.ok(ctx, JobViews.job(jobs.get(viewer(ApiCaller.of(ctx)), ctx.pathParam("id")), jobs)));
    r.patch("/api/jobs/{id}", ctx -> {
      ApiCaller.admin(ctx);
      Envelope.ok(ctx, JobViews.job(jobs.update(ctx.pathParam("id"), input(ApiBody.of(ctx, JOB_FIELDS))), jobs));
    });
    r.delete("/api/jobs/{id}", ctx -> {
      ApiCaller.admin(ctx);
      String id = ctx.pathParam("id");
      jobs.delete(id);
      Envelope.ok(ctx, Map.of("id", id, "deleted", true));
    });
    r.get("/api/jobs/{id}/runs", ctx -> Envelope.page(ctx,
        jobs.runs(viewer(ApiCaller.of(ctx)), ctx.pathParam("id"), Paging.of(ctx)), JobViews::run));
    r.post("/api/jobs/{id}/runs", this::startRun);
    r.patch("/api/jobs/{id}/runs/{runId}", this::reportRun);
    r.get("/api/jobs/{id}/endpoint", this::endpoint);
  }

  private void startRun(Context ctx) {
    JobViewer agent = viewer(ApiCaller.agent(ctx));
    ApiBody b = ctx.body().isBlank() ? null : ApiBody.of(ctx, RUN_START_FIELDS);
    String id = b == null ? null : b.optionalString("id", 64);
    Instant scheduledAt = b == null ? null : instant("scheduledAt", b.optionalString("scheduledAt", 64));
    ScheduleService.Started s = jobs.startRun(agent, ctx.pathParam("id"), id, scheduledAt);
    if (s.created()) Envelope.created(ctx, JobViews.run(s.run()));
    else Envelope.ok(ctx, JobViews.run(s.run()));
  }

  private void reportRun(Context ctx) {
    JobViewer agent = viewer(ApiCaller.agent(ctx));
    ApiBody b = ApiBody.of(ctx, RUN_REPORT_FIELDS);
    String status = b.optionalString("status", 20);
    Long bytes = b.longValue("bytes");
    if (bytes != null && bytes < 0) throw ApiBody.invalid("bytes", "bytes must be 0 or more");
    Long files = b.longValue("files");
    if (files != null && (files < 0 || files > Integer.MAX_VALUE))
      throw ApiBody.invalid("files", "files must be between 0 and " + Integer.MAX_VALUE);
    ScheduleService.RunReport report = new ScheduleService.RunReport(
        status == null ? null : RunStatus.parse(status), b.optionalString("error", MAX_TEXT), bytes,
        files == null ? null : files.intValue(), strings("transferIds", b.node("transferIds")));
    Envelope.ok(ctx, JobViews.run(jobs.report(agent, ctx.pathParam("id"), ctx.pathParam("runId"), report)));
  }

  /** The VFS Library entry on the remote side of the agent's job, with its secrets, for the agent alone. */
  private void endpoint(Context ctx) {
    ScheduledJob job = jobs.get(viewer(ApiCaller.agent(ctx)), ctx.pathParam("id"));
    String remote = ScheduledJob.PUSH.equals(job.direction()) ? job.destinationPath() : job.sourcePath();
    String folder = LibraryPath.parse("sourcePath", remote).folder();
    StorageTarget t;
    try {
      t = folders.endpoint(folder);
    } catch (NotFoundException e) {
      throw new NotFoundException("the VFS Library entry " + folder + " of job " + job.id() + " no longer exists");
    }
    Map<String, Object> fs = new LinkedHashMap<>();
    fs.put("provider", t.type());
    fs.putAll(new java.util.TreeMap<>(t.settings()));
    ctx.header("Cache-Control", "no-store");
    Envelope.ok(ctx, Map.of("name", folder, "filesystem", fs));
  }

  private static JobViewer viewer(ApiCaller c) {
    return switch (c.kind()) {
      case ADMIN -> JobViewer.ADMIN;
      case CUSTOMER -> JobViewer.customer(c.customer());
      case AGENT -> JobViewer.agent(c.customer(), c.agentId());
    };
  }

  private static JobInput input(ApiBody b) {
    return new JobInput(b.optionalString("name", 200), b.optionalString("customer", 100),
        b.optionalString("agentId", 64), b.optionalString("sourcePath", MAX_TEXT),
        b.optionalString("destinationPath", MAX_TEXT), b.optionalString("schedule", 200),
        b.optionalString("timezone", 64), b.optionalString("protocol", 20), b.optionalString("direction", 10),
        b.bool("enabled"), b.optionalString("scriptName", 200), params(b.node("params")),
        b.optionalString("misfirePolicy", 20));
  }

  private static Map<String, String> params(JsonNode n) {
    if (n == null) return null;
    if (!n.isObject()) throw ApiBody.invalid("params", "params must be an object of string values");
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) throw ApiBody.invalid("params", "params." + e.getKey() + " must be a string");
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static List<String> strings(String field, JsonNode n) {
    if (n == null) return null;
    if (!n.isArray()) throw ApiBody.invalid(field, field + " must be an array of strings");
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual() || e.asText().length() > 64) throw ApiBody.invalid(field, field + " must hold ids (strings)");
      out.add(e.asText());
    }
    return out;
  }

  private static Boolean enabledFilter(Context ctx) {
    String s = Query.string(ctx, "enabled");
    if (s == null) return null;
    if (s.equals("true") || s.equals("false")) return Boolean.valueOf(s);
    throw new ValidationException("enabled must be true or false, got \"" + s + "\"", Map.of("field", "enabled"));
  }

  private static Instant instant(String field, String s) {
    if (s == null) return null;
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiBody.invalid(field, field + " must be an ISO-8601 UTC time such as 2026-12-06T14:00:00Z");
    }
  }
}
