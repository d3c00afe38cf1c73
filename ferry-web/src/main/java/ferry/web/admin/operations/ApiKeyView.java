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
  public record Form(String name, String scope, String expires, String ips, String description) {
    public static final Form EMPTY = new Form("", "jobs", "", "", "");
  }

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
}
