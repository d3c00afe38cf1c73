package ferry.web.admin.automation;

import ferry.core.job.Script;
import io.javalin.http.Context;

/**
 * What the script editor shows: a stored script, or what was typed (kept on a refusal).
 *
 * @param id null for a new script
 * @param params the run form's parameters as typed
 */
public record ScriptForm(String id, String name, String description, String source, String params) {
  static ScriptForm empty() {
    return new ScriptForm(null, "", "", "", "");
  }

  static ScriptForm of(Script s) {
    return new ScriptForm(s.id(), s.name(), s.description(), s.source(), "");
  }

  static ScriptForm from(Context ctx, String id) {
    return new ScriptForm(id, ctx.formParam("name"), ctx.formParam("description"), ctx.formParam("source"), "");
  }

  ScriptForm withParams(String p) {
    return new ScriptForm(id, name, description, source, p == null ? "" : p);
  }

  /** The form's target: create or update. */
  public String action() {
    return id == null ? "/web/admin/scripts" : "/web/admin/scripts/" + id;
  }

  public boolean isNew() {
    return id == null;
  }
}
