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

/** /api/v2/folders (issue 12): the VFS Library as the reference's virtual folders. */
class FoldersApiTest {
  @TempDir static Path root;
  private static OpsServer s;
  private static Auth admin;

  @BeforeAll
  static void start() {
    s = new OpsServer(root);
    admin = s.admin();
    s.addUser("alice", Map.of());
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static Map<String, Object> local(String name) throws Exception {
    Path dir = Files.createDirectories(root.resolve("folders").resolve(name));
    return Map.of("name", name, "mapped_path", dir.toString(), "description", "d-" + name,
        "filesystem", Map.of("provider", 0));
  }

  @Test
  void aFolderIsCreatedReadUpdatedAndDeleted() throws Exception {
    Response created = s.c.post("/api/v2/folders", admin, local("crud"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).contains("/api/v2/folders/crud");
    assertThat(created.header("X-Object-ID")).contains("crud");
    assertThat(created.json().path("name").asText()).isEqualTo("crud");
    assertThat(created.json().path("id").asLong()).isPositive();
    assertThat(created.json().path("mapped_path").asText()).endsWith("crud");
    assertThat(created.json().path("used_quota_size").asLong()).isZero();
    assertThat(created.json().path("users").isArray()).isTrue();
    assertThat(created.json().path("filesystem").path("provider").asInt()).isZero();

    Response got = s.c.get("/api/v2/folders/crud", admin);
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.json().path("description").asText()).isEqualTo("d-crud");

    Response updated = s.c.put("/api/v2/folders/crud", admin, Map.of("description", "changed"));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().path("message").asText()).isEqualTo("Folder updated");
    assertThat(s.c.get("/api/v2/folders/crud", admin).json().path("description").asText()).isEqualTo("changed");

    Response deleted = s.c.delete("/api/v2/folders/crud", admin);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().has("message")).isTrue();
    Response gone = s.c.get("/api/v2/folders/crud", admin);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().has("error")).isTrue();
  }

  @Test
  void theListPagesAndOrdersByName() throws Exception {
    for (String n : List.of("p-a", "p-b", "p-c")) assertThat(s.c.post("/api/v2/folders", admin, local(n)).status()).isEqualTo(201);
    Response all = s.c.get("/api/v2/folders?limit=500", admin);
    assertThat(all.status()).isEqualTo(200);
    List<String> names = all.json().findValuesAsText("name");
    assertThat(names).contains("p-a", "p-b", "p-c").isSorted();

    int at = names.indexOf("p-a");
    Response page = s.c.get("/api/v2/folders?offset=" + (at + 1) + "&limit=1", admin);
    assertThat(page.json().findValuesAsText("name")).containsExactly("p-b");
    Response desc = s.c.get("/api/v2/folders?order=DESC&limit=500", admin);
    assertThat(desc.json().findValuesAsText("name")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void secretsComeBackSealedNeverInClear() {
    Map<String, Object> fs = Map.of("provider", 5, "sftpconfig", Map.of("endpoint", "127.0.0.1:2", "username", "u",
        "password", Map.of("status", "Plain", "payload", "very-s3cret-pw")));
    Response created = s.c.post("/api/v2/folders", admin, Map.of("name", "remote", "filesystem", fs));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("very-s3cret-pw");
    assertThat(created.json().path("filesystem").path("sftpconfig").path("password").path("status").asText())
        .isEqualTo("AES-256-GCM");
    Response got = s.c.get("/api/v2/folders/remote?confidential_data=1", admin);
    assertThat(got.body()).doesNotContain("very-s3cret-pw");
    assertThat(s.c.get("/api/v2/folders?limit=500", admin).body()).doesNotContain("very-s3cret-pw");
  }

  @Test
  void refusals() throws Exception {
    assertThat(s.c.get("/api/v2/folders", Auth.NONE).status()).isEqualTo(401);
    assertThat(s.c.get("/api/v2/folders", s.user("alice")).status()).isEqualTo(401);
    assertThat(s.c.post("/api/v2/folders", Auth.NONE, local("nope")).status()).isEqualTo(401);
    assertThat(s.c.get("/api/v2/folders?limit=0", admin).status()).isEqualTo(400);
    assertThat(s.c.get("/api/v2/folders?limit=501", admin).status()).isEqualTo(400);
    assertThat(s.c.get("/api/v2/folders?offset=-1", admin).status()).isEqualTo(400);
    assertThat(s.c.get("/api/v2/folders?order=UP", admin).status()).isEqualTo(400);
    assertThat(s.c.get("/api/v2/folders/missing", admin).status()).isEqualTo(404);
    assertThat(s.c.put("/api/v2/folders/missing", admin, Map.of("description", "x")).status()).isEqualTo(404);
    assertThat(s.c.delete("/api/v2/folders/missing", admin).status()).isEqualTo(404);
    assertThat(s.c.post("/api/v2/folders", admin, "{not json").status()).isEqualTo(400);
    assertThat(s.c.post("/api/v2/folders", admin, Map.of("name", 5)).status()).isEqualTo(400);
    assertThat(s.c.post("/api/v2/folders", admin, Map.of("name", "rel", "mapped_path", "relative")).status())
        .isEqualTo(400);
    assertThat(s.c.post("/api/v2/folders", admin, local("twice")).status()).isEqualTo(201);
    Response dup = s.c.post("/api/v2/folders", admin, local("twice"));
    assertThat(dup.status()).as(dup.body()).isEqualTo(409);
    assertThat(dup.json().path("error").asText()).isNotEmpty();
  }
}
