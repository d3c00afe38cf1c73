package ferry.server.web.shares;

import ferry.server.web.WebClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Raw tus 1.0 requests through a logged-in (or share-visiting) {@link WebClient}: its cookies and CSRF token. */
final class Tus {
  private Tus() {}

  static String metadata(String filename, String relativePath, String target) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("filename", filename);
    if (relativePath != null) m.put("relativePath", relativePath);
    if (target != null) m.put("target", target);
    return m.entrySet().stream()
        .map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.joining(","));
  }

  static WebClient.Page create(WebClient w, String base, long length, String metadata) {
    return w.send(HttpRequest.newBuilder(w.uri(base)).header("Tus-Resumable", "1.0.0")
        .header("Upload-Length", Long.toString(length)).header("Upload-Metadata", metadata)
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  static WebClient.Page patch(WebClient w, String location, long offset, byte[] data, int from, int to) {
    return w.send(HttpRequest.newBuilder(w.uri(location)).header("Tus-Resumable", "1.0.0")
        .header("Upload-Offset", Long.toString(offset)).header("Content-Type", "application/offset+octet-stream")
        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(data, from, to - from)));
  }

  static WebClient.Page head(WebClient w, String location) {
    return w.send(HttpRequest.newBuilder(w.uri(location)).header("Tus-Resumable", "1.0.0")
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));
  }

  static WebClient.Page delete(WebClient w, String location) {
    return w.send(HttpRequest.newBuilder(w.uri(location)).header("Tus-Resumable", "1.0.0").DELETE());
  }

  /** Creates and sends all of {@code data} in one PATCH; returns the PATCH's answer. */
  static WebClient.Page upload(WebClient w, String base, byte[] data, String metadata) {
    WebClient.Page c = create(w, base, data.length, metadata);
    if (c.status() != 201) throw new AssertionError("create answered " + c.status() + ": " + c.body());
    return patch(w, c.header("Location"), 0, data, 0, data.length);
  }
}
