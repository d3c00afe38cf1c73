package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.Shell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shares end to end with curl only, as a user's script would drive them: a user token, a share
 * created over /api/v2/user/shares, then the public links: a zip download, a password-protected
 * single file, and curl's own multipart and raw uploads into a write share.
 */
class SharesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PW = "Alice-Share-Pw-2718";

  @TempDir static Path tmp;
  static FerryProcess server;
  static Path home;
  static String token;

  @BeforeAll
  static void start() throws IOException {
    server = FerryProcess.start(tmp.resolve("ferry-data"));
    home = tmp.resolve("homes/alice");
    Files.createDirectories(home.resolve("docs/deep"));
    Files.createDirectories(home.resolve("drop"));
    Files.write(home.resolve("docs/deep/data.bin"), random(1_200_000, 1));
    Files.writeString(home.resolve("docs/readme.txt"), "hello from alice");
    String user = JSON.writeValueAsString(Map.of("username", "alice", "password", PW, "status", 1,
        "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))));
    server.api().expect(201, "POST", "/v1/adm/users", server.cliKey(), user);
    Launch.Result t = curl("-u", "alice:" + PW, server.url() + "/api/v2/user/token");
    assertThat(t.exitCode()).as(t.toString()).isZero();
    token = JSON.readTree(t.out()).path("access_token").asText();
    assertThat(token).isNotEmpty();
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  @Test
  void curlDownloadsAReadShareAsAZipByteIdentical() throws IOException {
    String id = share(Map.of("name", "docs", "scope", 1, "paths", List.of("/docs")));
    Path zip = tmp.resolve("docs.zip");
    Launch.Result r = curl("-o", zip.toString(), server.url() + "/api/v2/shares/" + id);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    Map<String, byte[]> entries = unzip(zip);
    assertThat(entries.get("docs/deep/data.bin")).isEqualTo(Files.readAllBytes(home.resolve("docs/deep/data.bin")));
    assertThat(entries.get("docs/readme.txt")).isEqualTo(Files.readAllBytes(home.resolve("docs/readme.txt")));
  }

  @Test
  void curlReadsAPasswordShareWithBasicOnly() throws IOException {
    String id = share(Map.of("name", "one", "scope", 1, "paths", List.of("/docs/deep/data.bin"),
        "password", "link-Secret"));
    String url = server.url() + "/api/v2/shares/" + id + "?compress=false";
    Launch.Result refused = curl("-o", "/dev/null", "-w", "%{http_code}", url);
    assertThat(refused.out()).isEqualTo("401");
    Path out = tmp.resolve("one.bin");
    Launch.Result ok = curl("-u", "guest:link-Secret", "-o", out.toString(), url);
    assertThat(ok.exitCode()).as(ok.toString()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(home.resolve("docs/deep/data.bin")));
  }

  @Test
  void curlUploadsIntoAWriteShareWithMultipartAndRawBodies() throws IOException {
    String id = share(Map.of("name", "drop", "scope", 2, "paths", List.of("/drop")));
    Path a = tmp.resolve("a.bin");
    Path b = tmp.resolve("b b.txt");
    Files.write(a, random(2_500_000, 2));
    Files.writeString(b, "second");
    Launch.Result multi = curl("-F", "filenames=@" + a, "-F", "filenames=@" + b, server.url() + "/api/v2/shares/" + id);
    assertThat(multi.exitCode()).as(multi.toString()).isZero();
    assertThat(Files.readAllBytes(home.resolve("drop/a.bin"))).isEqualTo(Files.readAllBytes(a));
    assertThat(Files.readString(home.resolve("drop/b b.txt"))).isEqualTo("second");
    Launch.Result raw = curl("--data-binary", "@" + a, "-H", "Content-Type: application/octet-stream",
        server.url() + "/api/v2/shares/" + id + "/raw.bin");
    assertThat(raw.exitCode()).as(raw.toString()).isZero();
    assertThat(Files.readAllBytes(home.resolve("drop/raw.bin"))).isEqualTo(Files.readAllBytes(a));
    JsonNode s = JSON.readTree(curl("-H", "Authorization: Bearer " + token,
        server.url() + "/api/v2/user/shares/" + id).out());
    assertThat(s.path("used_tokens").asInt()).isEqualTo(2);
  }

  private static String share(Map<String, Object> body) throws IOException {
    Launch.Result r = curl("-D", "-", "-H", "Authorization: Bearer " + token, "-H", "Content-Type: application/json",
        "-d", JSON.writeValueAsString(body), server.url() + "/api/v2/user/shares");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    for (String line : r.out().split("\r\n")) {
      if (line.toLowerCase().startsWith("x-object-id:")) return line.substring(12).trim();
    }
    throw new AssertionError("no X-Object-ID in " + r);
  }

  /** curl failing on HTTP errors (-f), silent, trusting the server's certificate. */
  private static Launch.Result curl(String... args) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--cacert", server.certificate().toString()));
    if (!List.of(args).contains("-w")) cmd.add("-f");
    cmd.addAll(List.of(args));
    return Shell.run(cmd);
  }

  private static Map<String, byte[]> unzip(Path zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream f = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(f)) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) if (!e.isDirectory()) out.put(e.getName(), in.readAllBytes());
    }
    return out;
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }
}
