package ferry.httpd.files;

import ferry.core.error.AuthenticationException;
import ferry.httpd.HttpServices;
import io.javalin.http.Context;

/** The {@code X-SFTPGO-API-KEY} header of /api/v2. */
final class ApiKeyAuth {
  static final String HEADER = "X-SFTPGO-API-KEY";

  ApiKeyAuth(HttpServices services) {}

  Caller authenticate(Context ctx, String key, boolean userRoute) {
    throw new AuthenticationException("API keys are not accepted yet on this server; use a token");
  }
}
