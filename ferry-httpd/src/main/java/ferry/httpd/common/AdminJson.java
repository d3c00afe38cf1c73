package ferry.httpd.common;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.admin.Admin;
import ferry.core.admin.AdminInput;
import ferry.core.admin.AdminPermission;
import ferry.core.error.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference API's {@code Admin}, {@code AdminProfile} and {@code PwdChange} JSON. The password
 * is read, never written; Ferry has no roles, admin groups, preferences or two-factor settings, so
 * answers carry them empty and bodies' values for them are ignored.
 */
public final class AdminJson {
  private AdminJson() {}

  /** The fields of an AdminProfile body. */
  public record Profile(String email, String description, boolean allowApiKeyAuth) {}

  /** The fields of a PwdChange body. */
  public record PasswordChange(String currentPassword, String newPassword) {}

  /** Reads an Admin body. */
  public static AdminInput adminInput(JsonNode body) {
    JsonReader r = root(body, "Admin");
    JsonReader f = r.object("filters");
    return new AdminInput(r.string("username"), r.integer("status"), r.string("email"), r.string("description"),
        r.string("password"), r.has("permissions") ? r.strings("permissions") : null,
        f == null ? List.of() : f.strings("allow_list"), f != null && f.bool("allow_api_key_auth"),
        r.string("additional_info"));
  }

  /** Reads an AdminProfile body. */
  public static Profile profile(JsonNode body) {
    JsonReader r = root(body, "AdminProfile");
    return new Profile(r.string("email"), r.string("description"), r.bool("allow_api_key_auth"));
  }

  /** Reads a PwdChange body. */
  public static PasswordChange passwordChange(JsonNode body) {
    JsonReader r = root(body, "PwdChange");
    return new PasswordChange(r.string("current_password"), r.string("new_password"));
  }

  /** An Admin answer, without the password. */
  public static Map<String, Object> admin(Admin a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("status", a.status());
    m.put("username", a.username());
    m.put("description", a.description());
    // the schema says format: email, so no address is no field, as SFTPGo leaves it out (issue 12)
    if (a.email() != null && !a.email().isEmpty()) m.put("email", a.email());
    m.put("permissions", a.permissions().stream().sorted().map(AdminPermission::wire).toList());
    Map<String, Object> filters = new LinkedHashMap<>();
    filters.put("allow_list", a.filters().allowList());
    filters.put("allow_api_key_auth", a.filters().allowApiKeyAuth());
    m.put("filters", filters);
    m.put("additional_info", a.additionalInfo());
    m.put("groups", List.of());
    m.put("created_at", AccountJson.millis(a.createdAt()));
    m.put("updated_at", AccountJson.millis(a.updatedAt()));
    m.put("last_login", AccountJson.millis(a.lastLogin()));
    m.put("role", "");
    return m;
  }

  /** An AdminProfile answer. */
  public static Map<String, Object> profile(Admin a) {
    Map<String, Object> m = new LinkedHashMap<>();
    // the schema says format: email, so no address is no field, as SFTPGo leaves it out (issue 12)
    if (a.email() != null && !a.email().isEmpty()) m.put("email", a.email());
    m.put("description", a.description());
    m.put("allow_api_key_auth", a.filters().allowApiKeyAuth());
    return m;
  }

  private static JsonReader root(JsonNode body, String what) {
    if (body == null || !body.isObject())
      throw new ValidationException("the request body must be a JSON object (a " + what + ")");
    return new JsonReader(body, "");
  }
}
