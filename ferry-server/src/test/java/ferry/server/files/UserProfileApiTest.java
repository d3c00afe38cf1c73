package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v2/user/profile and /api/v2/user/changepwd (issue 12). */
class UserProfileApiTest {
  @TempDir static Path root;
  private static OpsServer s;

  @BeforeAll
  static void start() {
    s = new OpsServer(root);
    s.addUser("dave", Map.of("email", "dave@example.com", "description", "first"));
    s.addUser("erin", Map.of());
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static String publicKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    return PublicKeyEntry.toString(g.generateKeyPair().getPublic());
  }

  @Test
  void theProfileIsReadAndUpdated() throws Exception {
    Auth dave = s.user("dave");
    Response got = s.c.get("/api/v2/user/profile", dave);
    assertThat(got.status()).as(got.body()).isEqualTo(200);
    assertThat(got.json().path("email").asText()).isEqualTo("dave@example.com");
    assertThat(got.json().path("description").asText()).isEqualTo("first");
    assertThat(got.json().path("allow_api_key_auth").asBoolean()).isFalse();
    assertThat(got.json().path("public_keys").isArray()).isTrue();

    String key = publicKey();
    Response put = s.c.put("/api/v2/user/profile", dave, Map.of("email", "d@example.org", "description", "second",
        "public_keys", List.of(key), "allow_api_key_auth", true));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().has("message")).isTrue();

    JsonNode now = s.c.get("/api/v2/user/profile", dave).json();
    assertThat(now.path("email").asText()).isEqualTo("d@example.org");
    assertThat(now.path("description").asText()).isEqualTo("second");
    assertThat(now.path("allow_api_key_auth").asBoolean()).isTrue();
    assertThat(now.path("public_keys").get(0).asText()).isEqualTo(key);
    // the same user as admins see it
    JsonNode admin = s.userView("dave").json();
    assertThat(admin.path("email").asText()).isEqualTo("d@example.org");
    assertThat(admin.path("filters").path("allow_api_key_auth").asBoolean()).isTrue();
    assertThat(admin.path("public_keys").get(0).asText()).isEqualTo(key);
  }

  @Test
  void badProfilesAreRefused() {
    Auth erin = s.user("erin");
    assertThat(s.c.put("/api/v2/user/profile", erin, Map.of("email", "not an address")).status()).isEqualTo(400);
    assertThat(s.c.put("/api/v2/user/profile", erin, Map.of("public_keys", List.of("ssh-ed25519 AAAAnope"))).status())
        .isEqualTo(400);
    assertThat(s.c.put("/api/v2/user/profile", erin, Map.of("allow_api_key_auth", "yes")).status()).isEqualTo(400);
    assertThat(s.c.put("/api/v2/user/profile", erin, "{").status()).isEqualTo(400);
    assertThat(s.c.get("/api/v2/user/profile", Auth.NONE).status()).isEqualTo(401);
    assertThat(s.c.get("/api/v2/user/profile", s.admin()).status()).isEqualTo(401);
    assertThat(s.c.put("/api/v2/user/changepwd", s.admin(), Map.of()).status()).isEqualTo(401);
  }

  @Test
  void anApiKeyOpensNeitherTheProfileNorThePassword() {
    s.addUser("ken", Map.of("filters", Map.of("allow_api_key_auth", true)));
    Response created = s.c.post("/api/v2/apikeys", s.admin(), Map.of("name", "ken-key", "scope", 2, "user", "ken"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Auth key = V2Client.apiKey(created.json().path("key").asText());
    // the key itself is good: a user route that takes keys accepts it
    assertThat(s.c.get("/api/v2/user/dirs", key).status()).isEqualTo(200);
    assertThat(s.c.get("/api/v2/user/profile", key).status()).isEqualTo(401);
    assertThat(s.c.put("/api/v2/user/profile", key, Map.of("description", "x")).status()).isEqualTo(401);
    Response pwd = s.c.put("/api/v2/user/changepwd", key,
        Map.of("current_password", OpsServer.PASSWORD, "new_password", "ken-Other-Passw0rd"));
    assertThat(pwd.status()).as(pwd.body()).isEqualTo(401);
  }

  @Test
  void aPasswordChangeTakesEffectOverSftp() throws Exception {
    s.addUser("frank", Map.of());
    Auth frank = s.user("frank");
    String next = "frank-New-Passw0rd";
    Response wrong = s.c.put("/api/v2/user/changepwd", frank,
        Map.of("current_password", "not-it", "new_password", next));
    assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
    assertThat(wrong.json().path("error").asText()).isNotEmpty();
    assertThat(s.c.put("/api/v2/user/changepwd", frank, Map.of("current_password", OpsServer.PASSWORD)).status())
        .isEqualTo(400);
    try (ClientSession still = s.sftpLogin("frank", OpsServer.PASSWORD)) {
      assertThat(still.isAuthenticated()).isTrue();
    }

    Response ok = s.c.put("/api/v2/user/changepwd", frank,
        Map.of("current_password", OpsServer.PASSWORD, "new_password", next));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().has("message")).isTrue();

    assertThatThrownBy(() -> s.sftpLogin("frank", OpsServer.PASSWORD).close()).isInstanceOf(Exception.class);
    try (ClientSession session = s.sftpLogin("frank", next)) {
      assertThat(session.isAuthenticated()).isTrue();
    }
    assertThat(s.c.userToken("frank", next)).isNotEmpty();
  }
}
