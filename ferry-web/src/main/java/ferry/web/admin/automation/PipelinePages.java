package ferry.web.admin.automation;

import ferry.core.error.ValidationException;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRun;
import ferry.core.pipeline.PipelineVersion;
import ferry.pipeline.DryRun;
import ferry.pipeline.PipelineCaller;
import ferry.pipeline.PipelineService;
import ferry.web.frame.Access;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import java.util.List;

/**
 * Pipelines: the list, one pipeline's YAML (read-only) with its versions and runs, a dry-run of a
 * YAML (problems at line and column), run now, and one run with its steps.
 */
final class PipelinePages {
  private static final String BASE = "/web/admin/pipelines";

  private final PipelineService pipelines;

  PipelinePages(PipelineService pipelines) {
    this.pipelines = pipelines;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.ADMIN, (ctx, page) -> {
      PipelineCaller c = caller(ctx);
      String search = Auto.query(ctx, "search");
      Page<Pipeline> result = pipelines.list(c, null, search, Auto.paging(ctx));
      Pages.render(ctx, "admin/automation/pipelines.jte", Auto.model(page, "result", result, "search", search,
          "base", search == null ? BASE : BASE + "?search=" + java.net.URLEncoder.encode(search,
              java.nio.charset.StandardCharsets.UTF_8)));
    });
    // literal paths before /{id}: the first match wins
    web.post(BASE + "/dry-run", Access.ADMIN, this::dryRun);
    web.get(BASE + "/{id}", Access.ADMIN, this::detail);
    web.get(BASE + "/{id}/versions/{n}", Access.ADMIN, (ctx, page) -> {
      PipelineCaller c = caller(ctx);
      Pipeline p = pipelines.get(c, ctx.pathParam("id"));
      PipelineVersion v = pipelines.version(c, p.id(), version(ctx.pathParam("n")));
      Pages.render(ctx, "admin/automation/pipeline_version.jte", Auto.model(page, "pipeline", p, "version", v));
    });
    web.post(BASE + "/{id}/runs", Access.ADMIN, (ctx, page) -> {
      PipelineRun r = pipelines.start(caller(ctx), ctx.pathParam("id"));
      Auto.redirect(ctx, BASE + "/" + r.pipelineId() + "/runs/" + r.id());
    });
    web.get(BASE + "/{id}/runs/{runId}", Access.ADMIN, (ctx, page) -> {
      PipelineCaller c = caller(ctx);
      Pipeline p = pipelines.get(c, ctx.pathParam("id"));
      Pages.render(ctx, "admin/automation/pipeline_run.jte",
          Auto.model(page, "pipeline", p, "detail", pipelines.run(c, p.id(), ctx.pathParam("runId"))));
    });
    web.post(BASE + "/{id}/runs/{runId}/cancel", Access.ADMIN, (ctx, page) -> {
      PipelineRun r = pipelines.cancel(caller(ctx), ctx.pathParam("id"), ctx.pathParam("runId"));
      Auto.redirect(ctx, BASE + "/" + r.pipelineId() + "/runs/" + r.id());
    });
  }

  private void detail(Context ctx, ferry.web.frame.Page page) {
    PipelineCaller c = caller(ctx);
    Pipeline p = pipelines.get(c, ctx.pathParam("id"));
    Page<PipelineVersion> versions = pipelines.versions(c, p.id(), new PageRequest(1, 50));
    Page<PipelineRun> runs = pipelines.runs(c, p.id(), null, Auto.paging(ctx));
    Pages.render(ctx, "admin/automation/pipeline.jte", Auto.model(page, "pipeline", p,
        "lines", List.of(p.yaml().split("\\R")), "versions", versions, "runs", runs));
  }

  /** Checks a YAML as create would (htmx fragment); nothing is stored or moved. */
  private void dryRun(Context ctx, ferry.web.frame.Page page) {
    PipelineCaller c = caller(ctx);
    DryRun d;
    String problem = null;
    try {
      d = pipelines.dryRun(c, ctx.formParam("yaml"), false);
      if (!d.valid()) ctx.status(422);
    } catch (ValidationException e) {
      d = null;
      problem = page.messages().core(e.getMessage());
      ctx.status(422);
    }
    Pages.render(ctx, "admin/automation/pipeline_dryrun.jte", Auto.model(page, "dry", d, "problem", problem));
  }

  /** The console's admin as the pipeline service knows callers; 403 without {@code *}. */
  private static PipelineCaller caller(Context ctx) {
    return PipelineCaller.admin(Auto.admin(ctx).username());
  }

  private static int version(String n) {
    try {
      int v = Integer.parseInt(n);
      if (v >= 1) return v;
    } catch (NumberFormatException e) {
      // below
    }
    throw new ValidationException("a version is a whole number from 1, got \""
        + (n.length() > 40 ? n.substring(0, 40) + "..." : n) + "\"", java.util.Map.of("field", "version"));
  }
}
