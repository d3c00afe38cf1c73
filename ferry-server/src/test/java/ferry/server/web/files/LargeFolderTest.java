package ferry.server.web.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large folder (20,000 files; {@code -Dferry.web.large-folder=100000} for the size): the
 * first and last pages are right and the listing is streamed, not held. The times are printed for
 * the record, not asserted (bench/ owns timing).
 */
class LargeFolderTest {
  static final int FILES = Integer.getInteger("ferry.web.large-folder", 20_000);
  @TempDir static Path dir;
  static FerryServer server;

  @BeforeAll
  static void start() throws Exception {
    server = V2Client.startServer(dir);
    Path home = FileWeb.user(server, dir, "hoarder", Map.of());
    for (int i = 0; i < FILES; i++) Files.createFile(home.resolve(String.format("file-%06d.dat", i)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theFirstAndLastPagesOfAHundredThousandFiles() {
    WebClient web = FileWeb.login(server, "hoarder");
    web.get("/web/client/files?path=/"); // warm up
    long t0 = System.nanoTime();
    WebClient.Page first = web.get("/web/client/files?path=/");
    long firstMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(FileWeb.items(first.body())).hasSize(50).startsWith("/file-000000.dat", "/file-000001.dat");
    assertThat(first.body()).contains("1-50 of " + String.format(java.util.Locale.ENGLISH, "%,d", FILES))
        .contains("id=\"by-name-only\""); // paged from the names, only the page stat'ed

    t0 = System.nanoTime();
    WebClient.Page last = web.htmxGet("/web/client/files?path=/&size=500&page=" + FILES / 500 + "&dir=desc");
    long lastMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(FileWeb.items(last.body())).hasSize(500).endsWith("/file-000000.dat");

    t0 = System.nanoTime();
    WebClient.Page found = web.htmxGet("/web/client/files?path=/&q=-01999");
    long searchMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(FileWeb.items(found.body())).hasSize(10);
    V2Client api = new V2Client(server);
    V2Client.Auth token = V2Client.bearer(api.userToken("hoarder", FileWeb.PW));
    t0 = System.nanoTime();
    assertThat(api.get("/api/v2/user/dirs?path=/", token).status()).isEqualTo(200);
    long apiMs = (System.nanoTime() - t0) / 1_000_000;
    // the same listing through the API (all entries as JSON) for comparison on this machine
    System.out.printf("LargeFolderTest (%d files): first page %d ms, last page of 500 %d ms, search %d ms,"
        + " GET /api/v2/user/dirs %d ms%n", FILES, firstMs, lastMs, searchMs, apiMs);
  }
}
