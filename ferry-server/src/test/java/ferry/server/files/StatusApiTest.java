package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v2/status and the health check (issue 12). */
class StatusApiTest {
  @TempDir static Path root;
  private static OpsServer s;

  @BeforeAll
  static void start() {
    s = new OpsServer(root);
    s.addUser("gina", Map.of());
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void theStatusReportsTheSshServerTheDatabaseAndTheDefender() {
    Response r = s.c.get("/api/v2/status", s.admin());
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode ssh = r.json().path("ssh");
    assertThat(ssh.path("is_active").asBoolean()).isTrue();
    assertThat(ssh.path("bindings").get(0).path("port").asInt()).isEqualTo(s.server.sftpPort());
    assertThat(ssh.path("bindings").get(0).path("address").asText()).isEqualTo("127.0.0.1");
    assertThat(ssh.path("host_keys").size()).isPositive();
    assertThat(ssh.path("host_keys").get(0).path("fingerprint").asText()).startsWith("SHA256:");
    assertThat(ssh.path("authentications").isArray()).isTrue();
    ssh.path("authentications").forEach(m -> assertThat(m.isTextual()).as(m.toString()).isTrue());
    assertThat(ssh.path("authentications").toString()).contains("password", "publickey");
    assertThat(ssh.path("ciphers").size()).isPositive();
    assertThat(r.json().path("data_provider").path("is_active").asBoolean()).isTrue();
    assertThat(r.json().path("data_provider").path("driver").asText()).isEqualTo("h2");
    assertThat(r.json().path("defender").path("is_active").asBoolean()).isTrue();
    assertThat(r.json().path("ftp").path("is_active").asBoolean()).isFalse();
    assertThat(r.json().path("webdav").path("is_active").asBoolean()).isFalse();
  }

  @Test
  void theHealthCheckNeedsNoCredentials() {
    for (String path : new String[] {"/healthz", "/api/v2/healthz"}) {
      Response r = s.c.get(path, Auth.NONE);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.body()).isEqualTo("ok");
      assertThat(r.header("Content-Type").orElse("")).startsWith("text/plain");
    }
  }

  @Test
  void refusals() {
    assertThat(s.c.get("/api/v2/status", Auth.NONE).status()).isEqualTo(401);
    assertThat(s.c.get("/api/v2/status", s.user("gina")).status()).isEqualTo(401);
  }
}
