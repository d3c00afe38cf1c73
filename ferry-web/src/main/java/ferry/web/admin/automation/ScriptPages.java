package ferry.web.admin.automation;

import ferry.core.error.ValidationException;
import ferry.core.job.Job;
import ferry.core.job.JobRequest;
import ferry.core.job.JobService;
import ferry.core.job.JobTrigger;
import ferry.core.job.Script;
import ferry.core.job.ScriptService;
import ferry.web.frame.Access;
import ferry.web.frame.Page;
import ferry.web.frame.Pages;
import ferry.web.frame.WebRoutes;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Scripts: the list, the editor (save and a syntax check that names line and column, the same
 * GraalJS parse the /v1 routes run on save) and starting a job, which then shows on its job page.
 */
final class ScriptPages {
  private static final String BASE = "/web/admin/scripts";

  private final ScriptService scripts;
  private final JobService jobs;

  ScriptPages(ScriptService scripts, JobService jobs) {
    this.scripts = scripts;
    this.jobs = jobs;
  }

  void register(WebRoutes web) {
    web.get(BASE, Access.ADMIN, (ctx, page) -> Pages.render(ctx, "admin/automation/scripts.jte",
        Auto.model(page, "scripts", scripts.list(Auto.admin(ctx).actor()))));
    web.get(BASE + "/new", Access.ADMIN, (ctx, page) -> {
      Auto.admin(ctx);
      editor(ctx, page, ScriptForm.empty(), Map.of(), null, 200);
    });
    web.post(BASE, Access.ADMIN, this::create);
    web.post(BASE + "/check", Access.ADMIN, this::check);
    web.get(BASE + "/{id}", Access.ADMIN, (ctx, page) -> {
      Script s = scripts.get(Auto.admin(ctx).actor(), ctx.pathParam("id"));
      editor(ctx, page, ScriptForm.of(s), Map.of(), null, 200);
    });
    web.post(BASE + "/{id}", Access.ADMIN, this::update);
    web.post(BASE + "/{id}/delete", Access.ADMIN, (ctx, page) -> {
      scripts.delete(Auto.admin(ctx).actor(), ctx.pathParam("id"));
      Auto.redirect(ctx, BASE);
    });
    web.post(BASE + "/{id}/run", Access.ADMIN, this::run);
  }

  private void create(Context ctx, Page page) {
    var actor = Auto.admin(ctx).actor();
    ScriptForm f = ScriptForm.from(ctx, null);
    try {
      Script s = scripts.create(actor, f.name(), f.source(), f.description());
      Auto.redirect(ctx, BASE + "/" + s.id() + "?saved=1");
    } catch (ValidationException e) {
      refused(ctx, page, f, e);
    }
  }

  private void update(Context ctx, Page page) {
    var actor = Auto.admin(ctx).actor();
    Script old = scripts.get(actor, ctx.pathParam("id"));
    ScriptForm f = ScriptForm.from(ctx, old.id());
    try {
      scripts.update(actor, old.id(), f.name() == null ? "" : f.name(), f.source() == null ? "" : f.source(),
          f.description() == null ? "" : f.description());
      Auto.redirect(ctx, BASE + "/" + old.id() + "?saved=1");
    } catch (ValidationException e) {
      refused(ctx, page, f, e);
    }
  }

  /** The editor's Check button (htmx): the syntax check alone, nothing saved. */
  private void check(Context ctx, Page page) {
    Auto.admin(ctx);
    ScriptForm f = ScriptForm.from(ctx, null);
    SyntaxError error = null;
    String other = null;
    try {
      scripts.checkSource(f.name() == null ? "script" : f.name(), f.source());
    } catch (ValidationException e) {
      error = SyntaxError.of(e, page.messages());
      if (error == null) other = page.messages().core(e.getMessage());
      ctx.status(422);
    }
    Pages.render(ctx, "admin/automation/script_check.jte", Auto.model(page, "syntax", error, "other", other));
  }

  private void run(Context ctx, Page page) {
    var actor = Auto.admin(ctx).actor();
    Script s = scripts.get(actor, ctx.pathParam("id"));
    String params = ctx.formParam("params");
    try {
      Job job = jobs.submit(actor, new JobRequest(null, s.id(), null, ScriptParams.parse(params), JobTrigger.API));
      Auto.redirect(ctx, "/web/admin/jobs/" + job.id());
    } catch (ValidationException e) {
      ScriptForm f = ScriptForm.of(s).withParams(params);
      editor(ctx, page, f, Auto.errors(e, page.messages(), "params"), null, 422);
    }
  }

  private void refused(Context ctx, Page page, ScriptForm f, ValidationException e) {
    SyntaxError syntax = SyntaxError.of(e, page.messages());
    String field = e.getMessage().startsWith("name") ? "name" : "source";
    editor(ctx, page, f, syntax == null ? Auto.errors(e, page.messages(), field) : Map.of(), syntax, 422);
  }

  private static void editor(Context ctx, Page page, ScriptForm f, Map<String, String> errors, SyntaxError syntax,
      int status) {
    ctx.status(status);
    Pages.render(ctx, "admin/automation/script.jte", Auto.model(page, "form", f, "errors", errors, "syntax", syntax,
        "saved", ctx.queryParam("saved") != null));
  }
}
