package ferry.web.shares.tus;

import ferry.core.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code Upload-Metadata}: comma-separated {@code key base64value} pairs. The web UI sends {@code
 * filename}, {@code relativePath} (with folders, for a folder upload) and {@code target} (the folder
 * it uploads into).
 */
public record TusMetadata(String filename, String relativePath, String target) {
  public static TusMetadata parse(String header) {
    Map<String, String> m = new HashMap<>();
    if (header != null && !header.isBlank()) {
      for (String pair : header.split(",")) {
        String[] kv = pair.trim().split(" ", 2);
        if (kv[0].isEmpty()) continue;
        try {
          m.put(kv[0], kv.length < 2 ? "" : new String(Base64.getDecoder().decode(kv[1].trim()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw new ValidationException("Upload-Metadata: the value of " + kv[0] + " is not base64");
        }
      }
    }
    String name = m.get("filename");
    if (name == null || name.isBlank()) name = m.get("name");
    if (name == null || name.isBlank()) throw new ValidationException("Upload-Metadata: filename is required");
    return new TusMetadata(name, m.getOrDefault("relativePath", ""), m.getOrDefault("target", "/"));
  }

  /**
   * The path below the target folder: the relative path when it names the file (a folder upload),
   * else the file name. Folders are kept; the file core normalizes and confines it.
   */
  public String inside() {
    String rel = relativePath == null ? "" : relativePath.replace('\\', '/');
    if (!rel.isBlank() && (rel.equals(filename) || rel.endsWith("/" + filename))) return rel;
    if (!rel.isBlank() && !rel.endsWith("/")) return rel;
    return rel + filename;
  }
}
