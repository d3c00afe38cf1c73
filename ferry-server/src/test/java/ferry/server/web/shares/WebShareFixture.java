package ferry.server.web.shares;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.TestServers;
import ferry.server.files.V2Client;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A server and users for the shares part's web tests. */
final class WebShareFixture {
  static final String PW = "Web-Share-Pw-4711";

  private WebShareFixture() {}

  static FerryServer start(Path dir) {
    return V2Client.startServer(dir);
  }

  static Path home(Path dir, String user) {
    return dir.resolve("homes").resolve(user);
  }

  /** A user with every permission; {@code deniedPattern} (or null) denied at "/", {@code quotaSize} 0 for none. */
  static Path createUser(FerryServer server, Path dir, String name, String deniedPattern, long quotaSize)
      throws IOException {
    Path home = Files.createDirectories(home(dir, name));
    Map<String, Object> body = new HashMap<>(Map.of("username", name, "password", PW, "status", 1,
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*")), "quota_size", quotaSize));
    if (deniedPattern != null)
      body.put("filters", Map.of("file_patterns", List.of(Map.of("path", "/", "denied_patterns",
          List.of(deniedPattern)))));
    V2Client.Response r = new V2Client(server).post("/v1/adm/users",
        V2Client.basic("admin", TestServers.ADMIN_PASSWORD), body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return home;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
