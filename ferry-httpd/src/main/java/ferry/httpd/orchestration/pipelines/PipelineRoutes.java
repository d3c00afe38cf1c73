package ferry.httpd.orchestration.pipelines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.core.error.ValidationException;
import ferry.core.pipeline.Pipeline;
import ferry.core.pipeline.PipelineRunStatus;
import ferry.pipeline.NewPipeline;
import ferry.pipeline.PipelineCaller;
import ferry.pipeline.PipelineService;
import ferry.httpd.common.Body;
import ferry.httpd.common.Query;
import ferry.httpd.orchestration.ApiBody;
import ferry.httpd.orchestration.ApiCaller;
import ferry.httpd.orchestration.Envelope;
import ferry.httpd.orchestration.Paging;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Pipelines on the orchestration face (issue 14): admins and customers (each its own) create, read,
 * change and delete them, export and replace their YAML (each change a new version), start, follow
 * and cancel runs, and dry-run a YAML. Agents are refused (403). Literal paths (schema, dry-run)
 * are registered before {@code /api/pipelines/{id}}: the first match wins.
 */
public final class PipelineRoutes {
  private static final Set<String> CREATE_FIELDS = Set.of("identifier", "name", "description", "yaml", "enabled");
  private static final Set<String> PATCH_FIELDS = Set.of("name", "description", "enabled");
  private static final Set<String> DRY_RUN_FIELDS = Set.of("yaml", "simulate");
  private static final Set<String> YAML_FIELDS = Set.of("yaml");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PipelineService pipelines;
  private volatile JsonNode schema;

  public PipelineRoutes(PipelineService pipelines) {
    this.pipelines = pipelines;
  }

  public void register(RoutesConfig r) {
    r.post("/api/pipelines", this::create);
    r.get("/api/pipelines", ctx -> {
      PipelineCaller c = caller(ctx);
      Envelope.page(ctx, pipelines.list(c, enabledFilter(ctx), Query.string(ctx, "search"), Paging.of(ctx)),
          this::view);
    });
    r.get("/api/pipelines/schema", ctx -> {
      caller(ctx);
      Envelope.ok(ctx, schema());
    });
    r.post("/api/pipelines/dry-run", ctx -> {
      PipelineCaller c = caller(ctx);
      ApiBody b = ApiBody.of(ctx, DRY_RUN_FIELDS);
      Boolean simulate = b.bool("simulate");
      Envelope.ok(ctx, PipelineViews.dryRun(pipelines.dryRun(c, b.string("yaml"), simulate != null && simulate)));
    });
    r.get("/api/pipelines/{id}", ctx -> Envelope.ok(ctx, view(pipelines.get(caller(ctx), ctx.pathParam("id")))));
    r.patch("/api/pipelines/{id}", this::patch);
    r.delete("/api/pipelines/{id}", ctx -> {
      PipelineCaller c = caller(ctx);
      String id = ctx.pathParam("id");
      pipelines.delete(c, id);
      Envelope.ok(ctx, Map.of("id", id, "deleted", true));
    });
    r.get("/api/pipelines/{id}/yaml", this::exportYaml);
    r.put("/api/pipelines/{id}/yaml", ctx -> {
      PipelineCaller c = caller(ctx);
      Envelope.ok(ctx, view(pipelines.updateYaml(c, ctx.pathParam("id"), yamlBody(ctx))));
    });
    r.get("/api/pipelines/{id}/versions", ctx -> {
      PipelineCaller c = caller(ctx);
      Pipeline p = pipelines.get(c, ctx.pathParam("id"));
      Envelope.page(ctx, pipelines.versions(c, p.id(), Paging.of(ctx)), v -> PipelineViews.version(v, p.version()));
    });
    r.get("/api/pipelines/{id}/versions/{n}", ctx -> Envelope.ok(ctx, PipelineViews.versionYaml(
        pipelines.version(caller(ctx), ctx.pathParam("id"), versionNumber(ctx.pathParam("n"))))));
    r.get("/api/pipelines/{id}/runs", ctx -> {
      PipelineCaller c = caller(ctx);
      Envelope.page(ctx, pipelines.runs(c, ctx.pathParam("id"), statusFilter(ctx), Paging.of(ctx)),
          PipelineViews::run);
    });
    r.post("/api/pipelines/{id}/runs", ctx -> {
      PipelineCaller c = caller(ctx);
      noFields(ctx);
      Envelope.created(ctx, PipelineViews.run(pipelines.start(c, ctx.pathParam("id"))));
    });
    r.get("/api/pipelines/{id}/runs/{runId}", ctx -> Envelope.ok(ctx, PipelineViews.detail(
        pipelines.run(caller(ctx), ctx.pathParam("id"), ctx.pathParam("runId")))));
    r.post("/api/pipelines/{id}/runs/{runId}/cancel", ctx -> {
      PipelineCaller c = caller(ctx);
      noFields(ctx);
      Envelope.ok(ctx, PipelineViews.run(pipelines.cancel(c, ctx.pathParam("id"), ctx.pathParam("runId"))));
    });
  }

  private void create(Context ctx) {
    PipelineCaller c = caller(ctx);
    ApiBody b = ApiBody.of(ctx, CREATE_FIELDS);
    NewPipeline in = new NewPipeline(b.string("identifier"), b.string("name"), b.string("description"),
        b.string("yaml"), b.bool("enabled"));
    Envelope.created(ctx, view(pipelines.create(c, in)));
  }

  private void patch(Context ctx) {
    PipelineCaller c = caller(ctx);
    // fields PATCH does not take but a client may expect it to: told what to do instead
    com.fasterxml.jackson.databind.node.ObjectNode raw = Body.object(ctx);
    if (raw.has("identifier"))
      throw ApiBody.invalid("identifier", "a pipeline's identifier cannot change; create a new pipeline instead");
    if (raw.has("yaml"))
      throw ApiBody.invalid("yaml", "the YAML changes with PUT /api/pipelines/{id}/yaml (a new version), not PATCH");
    ApiBody b = ApiBody.of(ctx, PATCH_FIELDS);
    Envelope.ok(ctx, view(pipelines.patch(c, ctx.pathParam("id"), b.string("name"), b.string("description"),
        b.bool("enabled"))));
  }

  /** The current YAML as a download (an export, so not in the envelope). */
  private void exportYaml(Context ctx) {
    Pipeline p = pipelines.get(caller(ctx), ctx.pathParam("id"));
    ctx.header("Content-Disposition", "attachment; filename=\"" + p.identifier() + ".yaml\"");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.contentType("application/yaml; charset=utf-8").result(p.yaml());
  }

  /** PUT's body: JSON {"yaml": "..."} when sent as JSON, else the YAML itself (application/yaml, text/plain). */
  private static String yamlBody(Context ctx) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/json")) {
      String yaml = ApiBody.of(ctx, YAML_FIELDS).string("yaml");
      if (yaml == null) throw ApiBody.invalid("yaml", "yaml is required");
      return yaml;
    }
    return ctx.body();
  }

  /** A route that takes no body: none, {} or an empty JSON object pass; a field is named and refused. */
  private static void noFields(Context ctx) {
    if (ctx.body().isBlank()) return;
    java.util.Iterator<String> fields = Body.object(ctx).fieldNames();
    if (fields.hasNext()) {
      String f = fields.next();
      throw ApiBody.invalid(f, "unknown field " + f + "; this request takes no body");
    }
  }

  private PipelineViews.PipelineView view(Pipeline p) {
    return PipelineViews.pipeline(p, pipelines.lastRun(p).orElse(null));
  }

  private JsonNode schema() throws JsonProcessingException {
    JsonNode s = schema;
    if (s == null) schema = s = JSON.readTree(pipelines.schema());
    return s;
  }

  /** An admin or a customer; agents get 403. */
  private static PipelineCaller caller(Context ctx) {
    ApiCaller c = ApiCaller.person(ctx);
    return c.isAdmin() ? PipelineCaller.admin(c.name()) : PipelineCaller.customer(c.customer());
  }

  private static Boolean enabledFilter(Context ctx) {
    String s = Query.string(ctx, "enabled");
    if (s == null) return null;
    if (s.equals("true") || s.equals("false")) return Boolean.valueOf(s);
    throw new ValidationException("enabled must be true or false, got \"" + s + "\"", Map.of("field", "enabled"));
  }

  private static PipelineRunStatus statusFilter(Context ctx) {
    String s = Query.string(ctx, "status");
    if (s == null) return null;
    try {
      return PipelineRunStatus.of(s);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("status must be one of queued, running, completed, failed, cancelled,"
          + " interrupted; got \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"",
          Map.of("field", "status"));
    }
  }

  private static int versionNumber(String n) {
    int v;
    try {
      v = Integer.parseInt(n);
    } catch (NumberFormatException e) {
      v = 0; // not a number: refused below like any other number that is no version
    }
    if (v < 1)
      throw new ValidationException("a version is a whole number from 1, got \""
          + (n.length() > 40 ? n.substring(0, 40) + "..." : n) + "\"", Map.of("field", "version"));
    return v;
  }
}
