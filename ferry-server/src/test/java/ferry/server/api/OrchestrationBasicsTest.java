package ferry.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.files.V2Client;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The face's frame: health, the envelope on unknown paths and refusals, and the customer role. */
class OrchestrationBasicsTest {
  static ApiFixture api;

  @BeforeAll
  static void start(@TempDir Path dir) {
    api = ApiFixture.start(dir);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void healthNeedsNoCredentials() {
    Response r = api.client().get("/api/health", Auth.NONE);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("status").asText()).isEqualTo("ok");
    assertThat(r.json().path("timestamp").asText()).isNotEmpty();
    assertThat(r.json().path("uptime").isIntegralNumber()).isTrue();
  }

  @Test
  void unknownPathsAnswerInTheEnvelope() {
    Response r = api.client().get("/api/no-such-thing", api.admin());
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
    assertThat(r.json().path("error").asText()).contains("/api/no-such-thing");
  }

  @Test
  void customerRoleIsGrantedByAdminsOnly() {
    Auth carol = api.customer("carol");
    Response list = api.client().get("/api/customers", carol);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().path("success").asBoolean()).isTrue();
    assertThat(list.json().path("data").toString()).isEqualTo("[\"carol\"]");

    Response grant = api.client().put("/api/customers/carol", carol, Map.of());
    assertThat(grant.status()).isEqualTo(403);
    assertThat(grant.json().path("success").asBoolean(true)).isFalse();

    assertThat(api.client().get("/api/customers", Auth.NONE).status()).isEqualTo(401);
    assertThat(api.client().put("/api/customers/nobody", api.admin(), Map.of()).status()).isEqualTo(404);
  }

  @Test
  void aUserWithoutTheRoleIsRefused() {
    Response u = api.client().post("/api/v2/users", api.admin(), Map.of("username", "dave", "password",
        ApiFixture.PASSWORD, "home_dir", "/tmp/ferry-dave-home", "permissions", Map.of("/", java.util.List.of("*"))));
    ApiFixture.expect(u, 201, "create dave");
    Auth dave = V2Client.bearer(api.client().userToken("dave", ApiFixture.PASSWORD));
    Response r = api.client().get("/api/customers", dave);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().path("error").asText()).contains("not a customer");
  }

  @Test
  void badTokensAre401InTheEnvelope() {
    Response r = api.client().get("/api/customers", V2Client.bearer("not-a-token"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().path("success").asBoolean(true)).isFalse();
  }
}
