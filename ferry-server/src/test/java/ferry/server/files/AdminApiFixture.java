package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.util.List;
import java.util.Map;

/** Admins with chosen permissions, made through /api/v2/admins by the first admin. */
final class AdminApiFixture {
  static final String PW = "Operator-Passw0rd";

  private AdminApiFixture() {}

  /** Creates admin {@code name} with {@code permissions} and answers a bearer token of it. */
  static Auth adminWith(V2Client c, Auth root, String name, String... permissions) {
    Response r = c.post("/api/v2/admins", root, Map.of("username", name, "password", PW, "status", 1,
        "permissions", List.of(permissions)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return V2Client.bearer(c.adminToken(name, PW));
  }

  /** Asserts the reference's error body: the status, the reason in "error" and a "message". */
  static void assertError(Response r, int status) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json().path("error").asText()).as(r.body()).isNotBlank();
    assertThat(r.json().path("message").asText()).as(r.body()).isNotBlank();
  }
}
