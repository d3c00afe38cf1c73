package ferry.httpd.files.ops;

import ferry.httpd.files.Answers;
import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.admin.AdminPermission;
import ferry.core.auth.Actor;
import ferry.core.error.ValidationException;
import ferry.core.quota.QuotaService;
import ferry.core.quota.QuotaService.Mode;
import ferry.core.quota.QuotaService.Scan;
import ferry.httpd.common.Body;
import ferry.httpd.common.Query;
import ferry.httpd.files.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quota scans and usage updates, /api/v2/quotas/users/... and /api/v2/quotas/folders/... Ferry
 * keeps no transfer quotas, so {@code transfer-usage} is not served.
 */
final class QuotaApi {
  private final QuotaService quotas;

  QuotaApi(QuotaService quotas) {
    this.quotas = quotas;
  }

  void register(RoutesConfig r) {
    r.get("/api/v2/quotas/users/scans", ctx -> ctx.json(scans(quotas.userScans(actor(ctx)), "username")));
    r.post("/api/v2/quotas/users/{username}/scan", ctx -> {
      quotas.startUserScan(actor(ctx), ctx.pathParam("username"));
      Answers.message(ctx, HttpStatus.ACCEPTED, "Scan started");
    });
    r.put("/api/v2/quotas/users/{username}/usage", ctx -> {
      Actor a = actor(ctx);
      Mode mode = mode(ctx);
      JsonNode body = Body.object(ctx);
      quotas.updateUserUsage(a, ctx.pathParam("username"), number(body, "used_quota_size"),
          number(body, "used_quota_files"), mode);
      Answers.message(ctx, HttpStatus.OK, "Quota updated");
    });
    r.get("/api/v2/quotas/folders/scans", ctx -> ctx.json(scans(quotas.folderScans(actor(ctx)), "name")));
    r.post("/api/v2/quotas/folders/{name}/scan", ctx -> {
      quotas.startFolderScan(actor(ctx), ctx.pathParam("name"));
      Answers.message(ctx, HttpStatus.ACCEPTED, "Scan started");
    });
    r.put("/api/v2/quotas/folders/{name}/usage", ctx -> {
      Actor a = actor(ctx);
      Mode mode = mode(ctx);
      JsonNode body = Body.object(ctx);
      quotas.updateFolderUsage(a, ctx.pathParam("name"), number(body, "used_quota_size"),
          number(body, "used_quota_files"), mode);
      Answers.message(ctx, HttpStatus.OK, "Quota updated");
    });
  }

  private static Actor actor(Context ctx) {
    return Caller.admin(ctx, AdminPermission.QUOTA_SCANS).actor();
  }

  /** The reference's QuotaScan ({@code username}) or FolderQuotaScan ({@code name}). */
  private static List<Map<String, Object>> scans(List<Scan> scans, String nameField) {
    return scans.stream().map(s -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(nameField, s.name());
      m.put("start_time", s.startedAt().toEpochMilli());
      return m;
    }).toList();
  }

  /** {@code mode}: {@code add}, or {@code reset} (the default). */
  private static Mode mode(Context ctx) {
    String m = Query.string(ctx, "mode");
    if (m == null || m.equals("reset")) return Mode.RESET;
    if (m.equals("add")) return Mode.ADD;
    throw new ValidationException("query parameter mode must be add or reset, got '" + m + "'");
  }

  /** A whole number field; a missing one is 0 (so {@code add} keeps that value, {@code reset} zeroes it). */
  private static long number(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) return 0;
    if (!v.isIntegralNumber() || !v.canConvertToLong())
      throw new ValidationException(field + " must be a whole number, got " + v.getNodeType().name().toLowerCase());
    return v.asLong();
  }
}
