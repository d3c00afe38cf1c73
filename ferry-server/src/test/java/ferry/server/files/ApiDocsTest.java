package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.server.FerryServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API docs page: public, self-contained (vendored Swagger UI), under a strict CSP. */
class ApiDocsTest {
  private static final String RESOURCES = "/ferry/httpd/files/docs/";

  @TempDir static Path dir;
  static FerryServer server;
  static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() {
    server = OpenApiConformanceTest.startPlain(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  @Test
  void theDocsPageNeedsNoCredentialsAndForbidsInlineScriptsAndOtherOrigins() throws Exception {
    HttpResponse<String> r = get("/api/v2/docs", null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:", "*");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    // every script is a file of this server, none inline
    Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(r.body());
    int count = 0;
    while (scripts.find()) {
      count++;
      assertThat(scripts.group(1)).matches(" src=\"/api/v2/docs/[a-z-]+\\.js\"");
      assertThat(scripts.group(2)).isBlank();
    }
    assertThat(count).isEqualTo(2);
    assertThat(r.body()).doesNotContain("style=", "<style", "//cdn", "http://", "https://").contains("/api/v2/openapi.yaml");
  }

  @Test
  void everyFileThePageLoadsIsServedWithItsType() throws Exception {
    String page = get("/api/v2/docs", null).body();
    Matcher refs = Pattern.compile("(?:src|href)=\"(/api/v2/[^\"]+)\"").matcher(page);
    int count = 0;
    while (refs.find()) {
      count++;
      HttpResponse<String> r = get(refs.group(1), null);
      assertThat(r.statusCode()).as(refs.group(1)).isEqualTo(200);
      String type = r.headers().firstValue("Content-Type").orElseThrow();
      assertThat(type).as(refs.group(1)).startsWith(refs.group(1).endsWith(".css") ? "text/css" : "text/javascript");
    }
    assertThat(count).isEqualTo(3);
    assertThat(get("/api/v2/openapi.yaml", null).headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
  }

  @Test
  void anUnchangedFileIsAnswered304() throws Exception {
    HttpResponse<String> first = get("/api/v2/docs/swagger-ui.css", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = get("/api/v2/docs/swagger-ui.css", etag);

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void theVendoredFilesAreTheOnesTheirReadmeRecords() throws Exception {
    String readme = resource("swagger-ui/README.md");
    for (String file : new String[] {"swagger-ui-bundle.js", "swagger-ui.css"}) {
      Matcher m = Pattern.compile("`" + Pattern.quote(file) + "` SHA-256 \\| `([0-9a-f]{64})`").matcher(readme);
      assertThat(m.find()).as("README records %s", file).isTrue();
      byte[] bytes;
      try (InputStream in = ApiDocsTest.class.getResourceAsStream(RESOURCES + "swagger-ui/" + file)) {
        bytes = in.readAllBytes();
      }
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).as(file)
          .isEqualTo(m.group(1));
    }
    assertThat(readme).contains("swagger-ui-dist@5.35.0", "sha512-");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ApiDocsTest.class.getResourceAsStream(RESOURCES + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(30));
    if (ifNoneMatch != null) b.header("If-None-Match", ifNoneMatch);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
