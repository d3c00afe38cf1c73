package ferry.httpd.files.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.admin.AdminPermission;
import ferry.core.auth.ApiKey;
import ferry.core.auth.CreatedApiKey;
import ferry.core.auth.FileApiKeyService;
import ferry.core.auth.FileApiKeyService.KeyInput;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import ferry.httpd.HttpServices;
import ferry.httpd.common.Body;
import ferry.httpd.files.Answers;
import ferry.httpd.files.Caller;
import ferry.httpd.files.Listing;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /api/v2/apikeys, as the reference describes it: admins with every permission ({@code *}; the
 * reference names none for these routes) manage the file server's API keys, authenticated by a
 * token: a caller who came with an API key cannot manage keys (the reference's rule).
 */
public final class ApiKeyRoutes {
  private static final String PATH = "/api/v2/apikeys";
  private final FileApiKeyService keys;

  public ApiKeyRoutes(HttpServices services) {
    this.keys = services.fileApiKeys();
  }

  public void register(RoutesConfig r) {
    r.get(PATH, this::list);
    r.post(PATH, this::create);
    r.get(PATH + "/{id}", ctx -> ctx.json(view(keys.get(manager(ctx).actor(), ctx.pathParam("id")))));
    r.put(PATH + "/{id}", this::update);
    r.delete(PATH + "/{id}", ctx -> {
      keys.delete(manager(ctx).actor(), ctx.pathParam("id"));
      ctx.json(Map.of("message", "API key deleted"));
    });
  }

  /** The admin managing keys: every permission, and a token rather than a key. */
  private static Caller manager(Context ctx) {
    Caller c = Caller.admin(ctx, AdminPermission.ALL);
    if (c.via() == Caller.Via.API_KEY)
      throw new PermissionDeniedException("API keys cannot be managed with an API key; use a token from GET /api/v2/token");
    return c;
  }

  private void list(Context ctx) {
    Caller c = manager(ctx);
    Listing l = Listing.of(ctx);
    ctx.json(keys.list(c.actor(), l.offset(), l.limit(), !l.descending()).stream().map(ApiKeyRoutes::view).toList());
  }

  private void create(Context ctx) {
    Caller c = manager(ctx);
    CreatedApiKey k = keys.create(c.actor(), input(Body.object(ctx)));
    String id = k.key().id();
    Map<String, Object> body = new LinkedHashMap<>();
    // "mesage" is the reference's spelling, which its clients read
    body.put("mesage", "API key created. This is the only time the API key is visible, please save it.");
    body.put("key", k.plaintext());
    Answers.created(ctx, PATH, id, body);
  }

  private void update(Context ctx) {
    Caller c = manager(ctx);
    keys.update(c.actor(), ctx.pathParam("id"), input(Body.object(ctx)));
    ctx.json(Map.of("message", "API key updated"));
  }

  private static KeyInput input(ObjectNode b) {
    long expires = number(b, "expires_at");
    return new KeyInput(text(b, "name"), (int) number(b, "scope"),
        expires == 0 ? null : millis("expires_at", expires), text(b, "description"), text(b, "user"), text(b, "admin"));
  }

  private static String text(ObjectNode b, String field) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new ValidationException(field + " must be a string");
    return v.asText();
  }

  private static long number(ObjectNode b, String field) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) return 0;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw new ValidationException(field + " must be a whole number");
    long n = v.asLong();
    if (n < 0 || n > Integer.MAX_VALUE && field.equals("scope")) throw new ValidationException(field + " is out of range");
    return n;
  }

  private static Instant millis(String field, long ms) {
    try {
      return Instant.ofEpochMilli(ms);
    } catch (java.time.DateTimeException e) {
      throw new ValidationException(field + " is out of range");
    }
  }

  /** The reference's APIKey: times in milliseconds, never the key; empty fields left out. */
  static Map<String, Object> view(ApiKey k) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", k.id());
    m.put("name", k.name());
    m.put("scope", k.scope().fileServerScope());
    m.put("created_at", k.createdAt().toEpochMilli());
    m.put("updated_at", k.updatedAt().toEpochMilli());
    if (k.lastUsedAt() != null) m.put("last_use_at", k.lastUsedAt().toEpochMilli());
    if (k.expiresAt() != null) m.put("expires_at", k.expiresAt().toEpochMilli());
    if (!k.description().isEmpty()) m.put("description", k.description());
    if (k.boundUser() != null) m.put("user", k.boundUser());
    if (k.boundAdmin() != null) m.put("admin", k.boundAdmin());
    return m;
  }
}
