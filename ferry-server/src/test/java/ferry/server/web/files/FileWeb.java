package ferry.server.web.files;

import ferry.server.FerryServer;
import ferry.server.files.V2Client;
import ferry.server.web.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Users with local homes for the file page tests, and the requests WebClient has no helper for. */
final class FileWeb {
  static final String PW = "Web-files-pw-1";
  private static final Pattern ITEM = Pattern.compile("name=\"item\" value=\"([^\"]*)\"");

  private FileWeb() {}

  /** Creates user {@code name} with a local home under {@code dir}; returns the home. */
  static Path user(FerryServer server, Path dir, String name, Map<String, Object> extra) {
    try {
      V2Client c = new V2Client(server);
      Path home = Files.createDirectories(dir.resolve("homes").resolve(name));
      Map<String, Object> u = new HashMap<>(Map.of("username", name, "password", PW, "status", 1,
          "home_dir", home.toString(), "permissions", Map.of("/", List.of("*"))));
      u.putAll(extra);
      V2Client.Response r = c.post("/api/v2/users", V2Client.bearer(c.adminToken()), u);
      if (r.status() != 201) throw new AssertionError("create " + name + ": " + r.status() + " " + r.body());
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WebClient login(FerryServer server, String name) {
    return WebClient.of(server).loginUser(name, PW);
  }

  /** The {@code item} checkbox values of a listing, in page order. */
  static List<String> items(String html) {
    Matcher m = ITEM.matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) out.add(m.group(1));
    return out;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A form POST with repeated {@code item} fields (and the page's CSRF token); the answer's bytes. */
  static HttpResponse<byte[]> postItems(WebClient web, String path, List<String> items, Map<String, String> fields) {
    String body = items.stream().map(i -> "item=" + enc(i)).collect(Collectors.joining("&"))
        + fields.entrySet().stream().map(e -> "&" + enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining())
        + "&_csrf=" + enc(web.csrf());
    return bytes(web, HttpRequest.newBuilder(web.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/x-www-form-urlencoded"));
  }

  static HttpResponse<byte[]> bytes(WebClient web, HttpRequest.Builder b) {
    try {
      return web.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
