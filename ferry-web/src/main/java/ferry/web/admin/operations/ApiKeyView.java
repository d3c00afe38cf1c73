package ferry.web.admin.operations;

import ferry.core.auth.ApiKey;
import ferry.core.auth.CreatedApiKey;
import java.time.Instant;
import java.util.List;

/**
 * The API keys page.
 *
 * @param created the key just made, its secret shown this once; null otherwise
 * @param error why the create form was refused, in the page's language; null otherwise
 */
public record ApiKeyView(List<ApiKey> keys, Form form, CreatedApiKey created, String error, Instant now) {

  /** What the create form held, to show it again after a refusal. */
  public record Form(String name, String scope, String account, String expires, String ips, String description) {
    public static final Form EMPTY = new Form("", "jobs", "", "", "", "");
  }

  /** The scopes the create form offers, by their form value. */
  public static final java.util.List<String> SCOPES = java.util.List.of("jobs", "admin", "file_admin", "file_user");

  /** {@code active}, {@code revoked} or {@code expired}. */
  public String state(ApiKey k) {
    if (k.revokedAt() != null) return "revoked";
    if (k.isExpired(now)) return "expired";
    return "active";
  }

  /** The account a file-server key acts as, or empty text. */
  public static String boundTo(ApiKey k) {
    if (k.boundAdmin() != null) return k.boundAdmin();
    return k.boundUser() == null ? "" : k.boundUser();
  }

  /** A file server key without an allow-list of its own (only its account's applies). */
  public static boolean anyAddress(ApiKey k) {
    return k.scope().fileServer() && k.allowedIps().equals(ferry.core.auth.FileApiKeyService.ANY_ADDRESS);
  }
}
