package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin permissions of the operations routes (issue 12): an admin without the route's
 * permission gets 403, one holding only that permission gets through.
 */
class OpsPermissionsTest {
  @TempDir static Path root;
  private static OpsServer s;

  /** One request of a route, and the permission it needs. */
  record Call(String permission, String method, String path, Object body) {}

  private static final List<Call> CALLS = List.of(
      new Call("manage_folders", "GET", "/api/v2/folders", null),
      new Call("manage_folders", "GET", "/api/v2/folders/lib", null),
      new Call("manage_folders", "PUT", "/api/v2/folders/lib", Map.of("description", "x")),
      new Call("quota_scans", "GET", "/api/v2/quotas/users/scans", null),
      new Call("quota_scans", "GET", "/api/v2/quotas/folders/scans", null),
      new Call("quota_scans", "PUT", "/api/v2/quotas/users/hana/usage?mode=add", Map.of()),
      new Call("quota_scans", "PUT", "/api/v2/quotas/folders/lib/usage?mode=add", Map.of()),
      new Call("view_defender", "GET", "/api/v2/defender/hosts", null),
      new Call("view_conns", "GET", "/api/v2/connections", null),
      new Call("view_status", "GET", "/api/v2/status", null));

  @BeforeAll
  static void start() throws Exception {
    s = new OpsServer(root);
    s.addUser("hana", Map.of());
    Path dir = Files.createDirectories(root.resolve("lib"));
    assertThat(s.c.post("/api/v2/folders", s.admin(), Map.of("name", "lib", "mapped_path", dir.toString())).status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static Response send(Call call, Auth auth) {
    return call.body() == null
        ? s.c.send(call.method(), call.path(), auth, java.net.http.HttpRequest.BodyPublishers.noBody(), null)
        : s.c.sendJson(call.method(), call.path(), auth, call.body());
  }

  @Test
  void eachRouteNeedsItsPermission() {
    Auth none = s.adminWith("nobody-ops", List.of("view_users"));
    for (Call call : CALLS) {
      Response refused = send(call, none);
      assertThat(refused.status()).as(call + ": " + refused.body()).isEqualTo(403);
      assertThat(refused.json().path("error").asText()).isNotEmpty();
    }
    int n = 0;
    for (String permission : CALLS.stream().map(Call::permission).distinct().toList()) {
      Auth holder = s.adminWith("holder-" + n++, List.of(permission));
      for (Call call : CALLS.stream().filter(c -> c.permission().equals(permission)).toList()) {
        Response ok = send(call, holder);
        assertThat(ok.status()).as(call + ": " + ok.body()).isEqualTo(200);
      }
    }
  }

  @Test
  void changesNeedTheirPermissionToo() {
    Auth viewer = s.adminWith("viewer-ops", List.of("view_defender", "view_conns"));
    assertThat(s.c.delete("/api/v2/defender/hosts/" + "3132372e302e302e32", viewer).status()).isEqualTo(403);
    assertThat(s.c.delete("/api/v2/connections/anything", viewer).status()).isEqualTo(403);
    assertThat(s.c.post("/api/v2/quotas/users/hana/scan", viewer, "").status()).isEqualTo(403);
    assertThat(s.c.post("/api/v2/folders", viewer, Map.of("name", "x", "mapped_path", "/tmp/x")).status())
        .isEqualTo(403);
    assertThat(s.c.delete("/api/v2/folders/lib", viewer).status()).isEqualTo(403);
    Auth manager = s.adminWith("manager-ops", List.of("manage_defender", "close_conns"));
    assertThat(s.c.delete("/api/v2/defender/hosts/" + "3132372e302e302e32", manager).status()).isEqualTo(404);
    assertThat(s.c.delete("/api/v2/connections/anything", manager).status()).isEqualTo(404);
  }
}
