package ferry.httpd.automation;

import static ferry.httpd.common.Authenticator.actor;

import ferry.core.auth.ApiKeyUpdate;
import ferry.core.auth.CreatedApiKey;
import ferry.core.auth.KeyScope;
import ferry.core.auth.NewApiKey;
import ferry.core.error.ValidationException;
import ferry.core.job.Job;
import ferry.core.job.JobRequest;
import ferry.core.job.JobStatus;
import ferry.core.job.JobSummary;
import ferry.core.job.JobTrigger;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.secret.SecretService;
import ferry.httpd.HttpServices;
import ferry.httpd.common.Authenticator;
import ferry.httpd.common.Body;
import ferry.httpd.common.Query;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The automation face: /v1/jobs and /v1/adm/... (docs/api-v1.md). */
public final class AutomationRoutes {
  private final HttpServices s;
  private final Authenticator auth;

  public AutomationRoutes(HttpServices services, Authenticator auth) {
    this.s = services;
    this.auth = auth;
  }

  public void register(RoutesConfig r) {
    r.beforeMatched("/v1/*", ctx -> {
      if (!ctx.path().equals("/v1/health")) auth.authenticate(ctx);
    });
    r.get("/v1/health", ctx -> ctx.json(Map.of("status", "ok", "node", s.node(), "version", s.version())));

    r.post("/v1/jobs", this::startJob);
    r.get("/v1/adm/jobs", this::listJobs);
    r.get("/v1/adm/jobs/{id}", this::getJob);
    r.post("/v1/adm/jobs/{id}/cancel", ctx -> ctx.json(Views.job(s.jobs().cancel(actor(ctx), ctx.pathParam("id")), null)));
    r.post("/v1/adm/run", this::cliRun);

    r.post("/v1/adm/scripts", this::createScript);
    r.get("/v1/adm/scripts", ctx -> ctx.json(Views.items(s.scripts().list(actor(ctx)).stream().map(x -> Views.script(x, false)).toList())));
    r.get("/v1/adm/scripts/{id}", ctx -> ctx.json(Views.script(s.scripts().get(actor(ctx), ctx.pathParam("id")), true)));
    r.put("/v1/adm/scripts/{id}", this::updateScript);
    r.delete("/v1/adm/scripts/{id}", ctx -> {
      s.scripts().delete(actor(ctx), ctx.pathParam("id"));
      ctx.status(HttpStatus.NO_CONTENT);
    });

    r.post("/v1/adm/apikeys", this::createKey);
    r.get("/v1/adm/apikeys", ctx -> ctx.json(Views.items(s.apiKeys().list(actor(ctx)).stream().map(Views::apiKey).toList())));
    r.get("/v1/adm/apikeys/{id}", ctx -> ctx.json(Views.apiKey(s.apiKeys().get(actor(ctx), ctx.pathParam("id")))));
    r.patch("/v1/adm/apikeys/{id}", this::updateKey);
    r.delete("/v1/adm/apikeys/{id}", ctx -> {
      s.apiKeys().revoke(actor(ctx), ctx.pathParam("id"));
      ctx.status(HttpStatus.NO_CONTENT);
    });

    r.put("/v1/adm/secrets/{name}", ctx -> setSecret(ctx, ctx.pathParam("name")));
    // a customer's secret, alice/partner-pub (issue 14): its '/' cannot travel encoded in one segment
    r.put("/v1/adm/secrets/{customer}/{name}", ctx -> setSecret(ctx, customerSecret(ctx)));
    r.get("/v1/adm/secrets", ctx -> ctx.json(Views.items(s.secrets().list(actor(ctx)).stream().map(Views::secret).toList())));
    r.delete("/v1/adm/secrets/{name}", ctx -> {
      s.secrets().delete(actor(ctx), ctx.pathParam("name"));
      ctx.status(HttpStatus.NO_CONTENT);
    });
    r.delete("/v1/adm/secrets/{customer}/{name}", ctx -> {
      s.secrets().delete(actor(ctx), customerSecret(ctx));
      ctx.status(HttpStatus.NO_CONTENT);
    });

    new FolderRoutes(s.folders()).register(r);
    new AccountRoutes(s.users(), s.groups(), s.folders()).register(r);
    new SessionRoutes(s.connections(), s.transfers()).register(r);
    new DefenderRoutes(s.defender()).register(r);

    r.get("/v1/adm/settings", ctx -> ctx.json(settings()));
    r.patch("/v1/adm/settings", ctx -> {
      Body b = Body.of(ctx);
      Boolean allowCliRun = b.bool("allowCliRun"); // every field read (and checked) before any is stored
      Long pub = b.longValue("rateLimitPublic");
      Long authenticated = b.longValue("rateLimitAuthenticated");
      Long agent = b.longValue("rateLimitAgent");
      s.settings().updateRateLimits(actor(ctx), pub, authenticated, agent);
      s.settings().update(actor(ctx), allowCliRun);
      ctx.json(settings());
    });
  }

  private void startJob(Context ctx) {
    Body b = Body.of(ctx);
    String jobType = b.string("jobType");
    if (jobType != null && !jobType.equalsIgnoreCase("SCRIPT"))
      throw new ValidationException("jobType must be \"SCRIPT\" (or left out), got '" + jobType + "'");
    JobRequest req = new JobRequest(b.string("scriptName"), b.string("scriptId"), b.string("filePath"),
        b.params("params"), JobTrigger.API);
    ctx.status(HttpStatus.CREATED).json(Views.job(s.jobs().submit(actor(ctx), req), List.of()));
  }

  private void getJob(Context ctx) {
    String id = ctx.pathParam("id");
    Job job = s.jobs().get(actor(ctx), id);
    long after = Query.longParam(ctx, "logAfter", 0);
    Map<String, Object> view = Views.job(job, s.jobs().log(actor(ctx), id, after));
    view.put("transfers", s.jobs().transfers(actor(ctx), id).stream().map(Views::transfer).toList());
    ctx.json(view);
  }

  private void listJobs(Context ctx) {
    String status = Query.string(ctx, "status");
    PageRequest page = new PageRequest(Query.intParam(ctx, "page", 1), Query.intParam(ctx, "limit", PageRequest.DEFAULT_LIMIT));
    Page<JobSummary> p = s.jobs().list(actor(ctx), status == null ? null : JobStatus.parse(status), Query.string(ctx, "script"), page);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", p.items().stream().map(Views::jobSummary).toList());
    m.put("page", p.page());
    m.put("limit", p.limit());
    m.put("total", p.total());
    ctx.json(m);
  }

  private void cliRun(Context ctx) {
    Body b = Body.of(ctx);
    Job job = s.jobs().submitCliRun(actor(ctx), b.string("name"), b.string("source"), b.params("params"));
    ctx.status(HttpStatus.CREATED).json(Views.job(job, List.of()));
  }

  private void createScript(Context ctx) {
    Body b = Body.of(ctx);
    var script = s.scripts().create(actor(ctx), b.string("name"), b.string("source"), b.string("description"));
    ctx.status(HttpStatus.CREATED).json(Views.script(script, true));
  }

  private void updateScript(Context ctx) {
    Body b = Body.of(ctx);
    var script = s.scripts().update(actor(ctx), ctx.pathParam("id"), b.string("name"), b.string("source"), b.string("description"));
    ctx.json(Views.script(script, true));
  }

  private void createKey(Context ctx) {
    Body b = Body.of(ctx);
    String scope = b.string("scope");
    CreatedApiKey created = s.apiKeys().create(actor(ctx), new NewApiKey(b.string("name"),
        scope == null ? null : KeyScope.parse(scope), b.strings("allowedIps"), b.instant("expiresAt"), b.string("description")));
    Map<String, Object> m = Views.apiKey(created.key());
    m.put("key", created.plaintext());
    ctx.status(HttpStatus.CREATED).json(m);
  }

  private void updateKey(Context ctx) {
    Body b = Body.of(ctx);
    var k = s.apiKeys().update(actor(ctx), ctx.pathParam("id"),
        new ApiKeyUpdate(b.instant("expiresAt"), b.string("description"), b.strings("allowedIps")));
    ctx.json(Views.apiKey(k));
  }

  private static String customerSecret(Context ctx) {
    return ctx.pathParam("customer") + "/" + ctx.pathParam("name");
  }

  private void setSecret(Context ctx, String name) {
    String value = Body.of(ctx).string("value");
    SecretService.SetResult r = s.secrets().set(actor(ctx), name, value);
    ctx.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).json(Views.secret(r.info()));
  }

  private Map<String, Object> settings() {
    ferry.core.settings.RateLimitSettings limits = s.settings().rateLimits();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowCliRun", s.settings().get().allowCliRun());
    m.put("rateLimitPublic", limits.publicPerMinute());
    m.put("rateLimitAuthenticated", limits.authenticatedPerMinute());
    m.put("rateLimitAgent", limits.agentPerMinute());
    return m;
  }
}
