package ferry.server.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server of its own per test class (the login form stops an address after 10 failed tries a minute) and accounts on it. */
abstract class MfaServer {
  static final String PW = "Mfa-Passw0rd";
  @TempDir static Path dir;
  static FerryServer server;
  static V2Client api;
  static V2Client.Auth root;

  @BeforeAll
  static void start() {
    server = V2Client.startServer(dir);
    api = new V2Client(server);
    root = V2Client.bearer(api.adminToken());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void user(String name) throws Exception {
    Path home = Files.createDirectories(dir.resolve("homes").resolve(name));
    V2Client.Response r = api.post("/api/v2/users", root, Map.of("username", name, "password", PW,
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  static void admin(String name, String... permissions) {
    V2Client.Response r = api.post("/api/v2/admins", root, Map.of("username", name, "password", PW, "status", 1,
        "permissions", List.of(permissions)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  /** Posts the password form and expects the second-factor step. */
  static WebClient passwordOnly(String area, String name) {
    WebClient web = WebClient.of(server);
    web.get(area + "/login");
    WebClient.Page p = web.postForm(area + "/login", Map.of("username", name, "password", PW));
    assertThat(p.status()).as(p.body()).isEqualTo(303);
    assertThat(p.header("Location")).isEqualTo(area + "/login/mfa");
    WebClient.Page step = web.get(area + "/login/mfa");
    assertThat(step.status()).isEqualTo(200);
    assertThat(step.body()).contains("autocomplete=\"one-time-code\"").contains("inputmode=\"numeric\"")
        .doesNotContain("/logout\"");
    return web;
  }
}
