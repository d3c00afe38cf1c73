package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.Shell;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's admin examples with curl, as written there (host and credentials substituted): the
 * admin token with {@code --anyauth}, Case A (a standalone S3 user) and Case B (a user in the
 * primary group BasicUsers with placeholder S3 values). The secrets never come back in clear.
 */
class Seed004AdminIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CASE_A = """
      {
      "status": 1,
      "username": "testuser_standalone",
      "password": "clear_text_complex_password",
      "permissions": {
      "/": ["*"]
      },
      "filesystem": {
      "provider": 1,
      "s3config": {
      "bucket": "testbucket",
      "region": "eu-central-1",
      "access_key": "myaccesskey",
      "access_secret": {
      "status": "Plain",
      "payload": "myaccesssecret"
      },
      "key_prefix": "users/testuser_standalone/"
      }
      }
      }
      """;
  private static final String CASE_B = """
      {
      "status": 1,
      "username": "testuser_group",
      "password": "clear_text_complex_password",
      "groups": [
      {
      "type": 1,
      "name": "BasicUsers"
      }
      ],
      "permissions": {
      "/": ["*"]
      },
      "filesystem": {
      "provider": 1,
      "s3config": {
      "bucket": "invalid",
      "region": "invalid"
      }
      }
      }
      """;
  private static final String GROUP = """
      {"name": "BasicUsers", "user_settings": {"permissions": {"/": ["*"]}, "filesystem": {"provider": 1,
       "s3config": {"bucket": "groupbucket", "region": "eu-central-1", "access_key": "groupkey",
       "access_secret": {"status": "Plain", "payload": "groupsecret"}, "key_prefix": "users/%username%/"}}}}
      """;

  @TempDir static Path tmp;
  static FerryProcess server;
  static String token;

  @BeforeAll
  static void start() throws IOException {
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    Launch.Result t = curl("--anyauth", "-u", "admin:" + FerryProcess.ADMIN_PASSWORD, server.url() + "/api/v2/token");
    assertThat(t.exitCode()).as(t.toString()).isZero();
    token = JSON.readTree(t.out()).path("access_token").asText();
    assertThat(token).isNotEmpty();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  @Test
  void caseAStandaloneS3UserIsCreatedAndItsSecretStaysSealed() throws IOException {
    assertThat(post("/api/v2/users", CASE_A)).endsWith("201");
    Launch.Result got = curl("-H", "Authorization: Bearer " + token,
        server.url() + "/api/v2/users/testuser_standalone");
    assertThat(got.exitCode()).as(got.toString()).isZero();
    assertThat(got.out()).doesNotContain("myaccesssecret").doesNotContain("clear_text_complex_password");
    JsonNode secret = JSON.readTree(got.out()).path("filesystem").path("s3config").path("access_secret");
    assertThat(secret.path("status").asText()).isEqualTo("AES-256-GCM");
    assertThat(secret.path("payload").asText()).isEmpty();
  }

  @Test
  void caseBUserInThePrimaryGroupBasicUsersIsCreated() throws IOException {
    assertThat(post("/api/v2/groups", GROUP)).endsWith("201");
    assertThat(post("/api/v2/users", CASE_B)).endsWith("201");
    Launch.Result got = curl("-H", "Authorization: Bearer " + token, server.url() + "/api/v2/groups/BasicUsers");
    assertThat(got.exitCode()).as(got.toString()).isZero();
    assertThat(got.out()).doesNotContain("groupsecret");
    assertThat(JSON.readTree(got.out()).path("users").toString()).contains("testuser_group");
  }

  /** The seed's {@code curl -X POST ... -d "${USER_PAYLOAD}"}; answers the body and the status. */
  private static String post(String path, String body) {
    Launch.Result r = curl("-X", "POST", "-H", "Authorization: Bearer " + token, "-H",
        "Content-Type: application/json", "-d", body, "-w", "%{http_code}", server.url() + path);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out();
  }

  private static Launch.Result curl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--cacert", server.certificate().toString()));
    if (!List.of(args).contains("-w")) cmd.add("-f");
    cmd.addAll(List.of(args));
    return Shell.run(cmd);
  }
}
