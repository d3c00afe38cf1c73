package ferry.httpd.common;

import ferry.core.error.AuthenticationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The user name and password of an {@code Authorization: Basic} header, one decoder for /v1 and /api/v2. */
public record BasicCredentials(String username, String password) {

  /** Whether {@code authorization} (a header value, may be null) names the Basic scheme. */
  public static boolean isBasic(String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
  }

  /**
   * The credentials of a Basic header value; 401 "malformed HTTP Basic credentials" when its
   * payload is not base64 of {@code user:password}.
   */
  public static BasicCredentials decode(String authorization) {
    try {
      String s = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = s.indexOf(':');
      if (colon >= 0) return new BasicCredentials(s.substring(0, colon), s.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      // not base64: refused below like a missing colon
    }
    throw new AuthenticationException("malformed HTTP Basic credentials");
  }

  /**
   * The password of a Basic header value (the user name unchecked: a share's visitors send only a
   * password), or null when there is none or it cannot be read.
   */
  public static String passwordOrNull(String authorization) {
    if (!isBasic(authorization)) return null;
    try {
      return decode(authorization).password();
    } catch (AuthenticationException malformed) {
      return null;
    }
  }
}
