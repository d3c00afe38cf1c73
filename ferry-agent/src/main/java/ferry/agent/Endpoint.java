package ferry.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A VFS Library entry as {@code GET /api/jobs/{id}/endpoint} hands it to the agent, read into the
 * type and settings of a ferry-vfs backend (the settings each backend's {@code fromSettings}
 * reads) plus the URL prefix that names its files in reports. The filesystem config is the
 * reference API's FilesystemConfig (provider 1 S3, 5 SFTP, 7 FTP/FTPS); a provider 0 (local) entry
 * is the server's own disk, which an agent cannot reach.
 */
record Endpoint(String name, String type, Map<String, String> settings, String urlBase) {
  Endpoint {
    settings = Map.copyOf(settings);
  }

  @Override
  public String toString() {
    return "Endpoint[" + name + ", " + type + "]"; // settings hold secrets
  }

  /**
   * Reads either form of the entry's {@code filesystem}: the backend's own settings under a
   * {@code provider} type name ({@code "sftp"}, {@code "ftp"}, {@code "s3"}), or the reference
   * FilesystemConfig with a provider number.
   *
   * @throws IllegalArgumentException naming what the entry lacks
   */
  static Endpoint of(JsonNode entry) {
    String name = Json.text(entry, "name");
    JsonNode fs = entry.path("filesystem");
    return fs.path("provider").isTextual() ? ofSettings(name, fs) : ofFilesystemConfig(name, fs);
  }

  /** {@code {"provider":"sftp","host":..,"port":..,...}}: the settings as the backend reads them. */
  private static Endpoint ofSettings(String name, JsonNode fs) {
    String type = fs.get("provider").asText();
    Map<String, String> s = new HashMap<>();
    fs.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("provider") && !e.getValue().isNull()) s.put(e.getKey(), e.getValue().asText());
    });
    String host = s.getOrDefault("host", "") + ":" + s.getOrDefault("port", type.equals("ftp") ? "21" : "22");
    return switch (type) {
      case "sftp" -> new Endpoint(name, type, s, "sftp://" + host + rootOf(s));
      case "ftp" -> new Endpoint(name, type, s, (s.getOrDefault("tls_mode", "none").equals("none") ? "ftp://" : "ftps://") + host + rootOf(s));
      case "s3" -> {
        String prefix = trimSlashes(s.getOrDefault("key_prefix", ""));
        yield new Endpoint(name, type, s, "s3://" + s.getOrDefault("bucket", "") + (prefix.isEmpty() ? "" : "/" + prefix));
      }
      case "local" -> throw new IllegalArgumentException("VFS Library entry '" + name + "' is the server's local disk, which an agent cannot reach");
      default -> new Endpoint(name, type, s, type + "://" + name);
    };
  }

  private static Endpoint ofFilesystemConfig(String name, JsonNode fs) {
    int provider = fs.path("provider").asInt(0);
    Map<String, String> s = new HashMap<>();
    return switch (provider) {
      case 1 -> {
        JsonNode c = section(fs, "s3config");
        put(s, "bucket", c, "bucket");
        s.put("region", c.path("region").asText("us-east-1").isEmpty() ? "us-east-1" : c.path("region").asText("us-east-1"));
        put(s, "endpoint", c, "endpoint");
        put(s, "force_path_style", c, "force_path_style");
        put(s, "key_prefix", c, "key_prefix");
        put(s, "access_key", c, "access_key");
        put(s, "checksum_mode", c, "checksum_mode");
        secret(s, "access_secret", c.get("access_secret"));
        if (c.path("upload_part_size").asLong(0) > 0) s.put("upload_part_size", String.valueOf(c.path("upload_part_size").asLong() * 1024 * 1024));
        if (c.path("upload_concurrency").asInt(0) > 0) s.put("upload_concurrency", String.valueOf(c.path("upload_concurrency").asInt()));
        String prefix = s.getOrDefault("key_prefix", "");
        yield new Endpoint(name, "s3", s, "s3://" + s.get("bucket") + (prefix.isEmpty() ? "" : "/" + trimSlashes(prefix)));
      }
      case 5 -> {
        JsonNode c = section(fs, "sftpconfig");
        String[] hp = hostPort(c, 22);
        s.put("host", hp[0]);
        s.put("port", hp[1]);
        put(s, "username", c, "username");
        secret(s, "password", c.get("password"));
        secret(s, "private_key", c.get("private_key"));
        secret(s, "private_key_passphrase", c.get("key_passphrase"));
        if (c.path("fingerprints").isArray()) {
          StringBuilder b = new StringBuilder();
          c.get("fingerprints").forEach(f -> b.append(b.isEmpty() ? "" : ",").append(f.asText()));
          s.put("fingerprints", b.toString());
        }
        put(s, "root_dir", c, "prefix");
        yield new Endpoint(name, "sftp", s, "sftp://" + hp[0] + ":" + hp[1] + rootOf(s));
      }
      case 7 -> {
        JsonNode c = section(fs, "ftpconfig");
        String[] hp = hostPort(c, 21);
        s.put("host", hp[0]);
        s.put("port", hp[1]);
        s.put("username", c.path("username").asText("anonymous").isEmpty() ? "anonymous" : c.path("username").asText("anonymous"));
        secret(s, "password", c.get("password"));
        String tls = switch (c.path("tls_mode").asInt(0)) {
          case 1 -> "explicit";
          case 2 -> "implicit";
          default -> "none";
        };
        s.put("tls_mode", tls);
        put(s, "tls_insecure", c, "skip_tls_verify");
        s.put("passive", String.valueOf(!c.path("active_mode").asBoolean(false)));
        put(s, "root_dir", c, "prefix");
        yield new Endpoint(name, "ftp", s, (tls.equals("none") ? "ftp://" : "ftps://") + hp[0] + ":" + hp[1] + rootOf(s));
      }
      case 0 -> throw new IllegalArgumentException("VFS Library entry '" + name + "' is the server's local disk, which an agent cannot reach");
      default -> throw new IllegalArgumentException("VFS Library entry '" + name + "': unsupported filesystem.provider " + provider);
    };
  }

  private static JsonNode section(JsonNode fs, String name) {
    JsonNode c = fs.get(name);
    if (c == null || !c.isObject()) throw new IllegalArgumentException("filesystem." + name + " is missing");
    return c;
  }

  private static void put(Map<String, String> s, String key, JsonNode c, String field) {
    JsonNode v = c.get(field);
    if (v != null && !v.isNull() && !v.asText().isEmpty()) s.put(key, v.asText());
  }

  /** A secret as the endpoint route sends it: a plain string, or a Secret object with its payload in clear. */
  private static void secret(Map<String, String> s, String key, JsonNode v) {
    if (v == null || v.isNull()) return;
    if (v.isTextual()) {
      if (!v.asText().isEmpty()) s.put(key, v.asText());
      return;
    }
    String payload = v.path("payload").asText("");
    if (payload.isEmpty()) return;
    String status = v.path("status").asText("Plain");
    if (!status.equals("Plain"))
      throw new IllegalArgumentException("the server sent " + key + " sealed (" + status + "), not in clear");
    s.put(key, payload);
  }

  private static String[] hostPort(JsonNode c, int defaultPort) {
    String e = c.path("endpoint").asText("").strip();
    if (e.isEmpty()) throw new IllegalArgumentException("the endpoint's host:port is missing");
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      String port = close + 1 < e.length() && e.charAt(close + 1) == ':' ? e.substring(close + 2) : String.valueOf(defaultPort);
      return new String[] {e.substring(1, close), port};
    }
    int colon = e.lastIndexOf(':');
    if (colon > 0 && e.indexOf(':') == colon) return new String[] {e.substring(0, colon), e.substring(colon + 1)};
    return new String[] {e, String.valueOf(defaultPort)};
  }

  private static String rootOf(Map<String, String> s) {
    String r = trimSlashes(s.getOrDefault("root_dir", ""));
    return r.isEmpty() ? "" : "/" + r;
  }

  private static String trimSlashes(String p) {
    String r = p.strip();
    while (r.startsWith("/")) r = r.substring(1);
    while (r.endsWith("/")) r = r.substring(0, r.length() - 1);
    return r;
  }
}
