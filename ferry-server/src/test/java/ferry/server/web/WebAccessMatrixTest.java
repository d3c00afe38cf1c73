package ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route of the web UI, every method, against the callers that must not pass: nobody, and the
 * other kind of account (a user on the console, an admin on the web client). None gets a page or
 * changes anything: a GET is sent to the login page (303), anything else is refused (401).
 */
class WebAccessMatrixTest {
  /** Routes anyone may call: login and setup pages, languages, static files, public shares. */
  static final Set<String> PUBLIC = Set.of("/web", "/web/lang", "/web/admin/login", "/web/client/login",
      "/web/admin/setup");

  static FerryServer server;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    server = V2Client.startServer(dir.resolve("data"));
    V2Client v2 = new V2Client(server);
    Path home = Files.createDirectories(dir.resolve("bob"));
    V2Client.Response made = v2.post("/api/v2/users", V2Client.bearer(v2.adminToken()), Map.of("username", "bob",
        "password", "Bob-Passw0rd-1", "status", 1, "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))));
    assertThat(made.status()).as(made.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void noConsoleRouteServesNobodyOrAUser() {
    WebClient user = WebClient.of(server).loginUser("bob", "Bob-Passw0rd-1");
    assertThat(walk("/web/admin", List.of(WebClient.of(server), user))).isEmpty();
  }

  @Test
  void noWebClientRouteServesNobodyOrAnAdmin() {
    WebClient admin = WebClient.of(server).loginAdmin("admin", TestServers.ADMIN_PASSWORD);
    assertThat(walk("/web/client", List.of(WebClient.of(server), admin))).isEmpty();
  }

  private static List<String> walk(String area, List<WebClient> callers) {
    List<String> wrong = new ArrayList<>();
    int walked = 0;
    for (String route : server.routes()) {
      String method = route.substring(0, route.indexOf(' '));
      String template = route.substring(route.indexOf(' ') + 1);
      if (!template.startsWith(area + "/") && !template.equals(area)) continue;
      if (PUBLIC.contains(template) || method.equals("HEAD") && server.routes().contains("GET " + template)) continue;
      String path = template.replaceAll("\\{[^}]+}", "bob").replaceAll("<[^>]+>", "bob");
      walked++;
      for (WebClient c : callers) {
        c.get(area.equals("/web/admin") ? "/web/admin/login" : "/web/client/login"); // a token to send
        WebClient.Page p = c.send(HttpRequest.newBuilder(c.uri(path)).method(method,
                HttpRequest.BodyPublishers.ofString("username=bob&action=delete&user=bob&confirmed=1"))
            .header("Content-Type", "application/x-www-form-urlencoded"));
        int expected = method.equals("GET") ? 303 : 401;
        boolean toLogin = p.status() != 303 || String.valueOf(p.header("Location")).startsWith(area + "/login");
        if (p.status() != expected || !toLogin) wrong.add(method + " " + path + " -> " + p.status() + " " + p.header("Location"));
      }
    }
    assertThat(walked).as("routes walked under " + area).isGreaterThan(10);
    return wrong;
  }
}
