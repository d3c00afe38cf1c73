package ferry.httpd.files.share;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.error.ValidationException;
import ferry.core.share.Share;
import ferry.core.share.ShareInput;
import ferry.httpd.common.Body;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reference's {@code Share} object: rendering, and reading what an owner sends. */
final class ShareJson {
  /** 9999-12-31T23:59:59.999Z, the last time every supported database stores. */
  private static final long MAX_EXPIRY = 253_402_300_799_999L;

  private ShareJson() {}

  /** The share as the reference spells it; a password shows only as the redacted placeholder. */
  static Map<String, Object> of(Share s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", s.id());
    m.put("name", s.name());
    m.put("description", s.description());
    m.put("scope", s.scope().wire());
    m.put("paths", s.paths());
    m.put("username", s.username());
    m.put("created_at", millis(s.createdAt()));
    m.put("updated_at", millis(s.updatedAt()));
    m.put("last_use_at", millis(s.lastUseAt()));
    m.put("expires_at", millis(s.expiresAt()));
    if (s.hasPassword()) m.put("password", ShareInput.KEEP_PASSWORD);
    m.put("max_tokens", s.maxTokens());
    m.put("used_tokens", s.usedTokens());
    m.put("allow_from", s.allowFrom());
    return m;
  }

  /** The request body as a share; id, username, times and used tokens are the server's and ignored. */
  static ShareInput input(Context ctx) {
    ObjectNode o = Body.object(ctx);
    long expires = number(o, "expires_at", MAX_EXPIRY);
    if (expires < 0) throw new ValidationException("expires_at: must be 0 (no expiration) or a time in milliseconds");
    return new ShareInput(string(o, "name"), string(o, "description"), (int) number(o, "scope", Integer.MAX_VALUE),
        strings(o, "paths"), expires == 0 ? null : Instant.ofEpochMilli(expires), string(o, "password"),
        (int) number(o, "max_tokens", Integer.MAX_VALUE), strings(o, "allow_from"));
  }

  private static long millis(Instant t) {
    return t == null ? 0 : t.toEpochMilli();
  }

  private static String string(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isTextual()) throw new ValidationException(field + ": must be a string");
    return v.asText();
  }

  private static long number(ObjectNode o, String field, long max) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) return 0;
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() > max || v.asLong() < -max)
      throw new ValidationException(field + ": must be a whole number" + (max < Long.MAX_VALUE ? " up to " + max : ""));
    return v.asLong();
  }

  private static List<String> strings(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) return out;
    if (!v.isArray()) throw new ValidationException(field + ": must be an array of strings");
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) throw new ValidationException(field + "[" + i + "]: must be a string");
      out.add(v.get(i).asText());
    }
    return out;
  }
}
