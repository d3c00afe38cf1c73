package ferry.core.folder;

import ferry.core.error.ValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a FilesystemConfig (the reference API's JSON, plus Ferry's provider 7 {@code ftpconfig})
 * into the type and settings of a storage backend.
 */
final class FsMapping {
  static final int LOCAL = 0;
  static final int S3 = 1;
  static final int SFTP = 5;
  static final int FTP = 7;
  private static final long MIB = 1024 * 1024;

  private final FolderSecrets secrets;

  FsMapping(FolderSecrets secrets) {
    this.secrets = secrets;
  }

  static int provider(Map<String, Object> fs) {
    Object p = fs.getOrDefault("provider", LOCAL);
    if (!(p instanceof Number n) || n.doubleValue() != n.intValue() || !List.of(LOCAL, S3, SFTP, FTP).contains(n.intValue()))
      throw new ValidationException(
          "filesystem.provider must be 0 (local), 1 (S3), 5 (SFTP) or 7 (FTP/FTPS), got " + p);
    return n.intValue();
  }

  /** Checks what a save needs, naming the missing field. */
  static void validate(Map<String, Object> fs, String mappedPath) {
    switch (provider(fs)) {
      case LOCAL -> {
        if (mappedPath == null || !mappedPath.startsWith("/"))
          throw new ValidationException("mapped_path must be an absolute directory path for a local folder");
      }
      case S3 -> required(fs, "s3config", "bucket");
      case SFTP -> {
        required(fs, "sftpconfig", "username");
        endpoint(section(fs, "sftpconfig"), "sftpconfig", 22);
      }
      case FTP -> {
        endpoint(section(fs, "ftpconfig"), "ftpconfig", 21);
        tlsMode(section(fs, "ftpconfig"));
      }
      default -> throw new IllegalStateException("unreachable");
    }
  }

  StorageTarget target(Folder f) {
    return target(f.filesystem(), f.mappedPath());
  }

  /** The backend of a stored config; a local one is rooted at {@code localRoot}. */
  StorageTarget target(Map<String, Object> fs, String localRoot) {
    Map<String, String> s = new HashMap<>();
    return switch (provider(fs)) {
      case LOCAL -> {
        s.put("root", localRoot);
        yield new StorageTarget("local", s);
      }
      case S3 -> {
        Map<String, Object> c = section(fs, "s3config");
        put(s, "bucket", c.get("bucket"));
        put(s, "region", c.getOrDefault("region", "us-east-1"));
        put(s, "endpoint", c.get("endpoint"));
        put(s, "force_path_style", c.get("force_path_style"));
        put(s, "key_prefix", c.get("key_prefix"));
        put(s, "access_key", c.get("access_key"));
        put(s, "checksum_mode", c.get("checksum_mode"));
        secrets.reveal(fs, "s3config", "access_secret").ifPresent(v -> s.put("access_secret", v));
        if (c.get("upload_part_size") instanceof Number n && n.longValue() > 0)
          s.put("upload_part_size", String.valueOf(n.longValue() * MIB));
        if (c.get("upload_concurrency") instanceof Number n && n.intValue() > 0)
          s.put("upload_concurrency", String.valueOf(n.intValue()));
        yield new StorageTarget("s3", s);
      }
      case SFTP -> {
        Map<String, Object> c = section(fs, "sftpconfig");
        String[] hp = endpoint(c, "sftpconfig", 22);
        s.put("host", hp[0]);
        s.put("port", hp[1]);
        put(s, "username", c.get("username"));
        secrets.reveal(fs, "sftpconfig", "password").ifPresent(v -> s.put("password", v));
        secrets.reveal(fs, "sftpconfig", "private_key").ifPresent(v -> s.put("private_key", v));
        secrets.reveal(fs, "sftpconfig", "key_passphrase").ifPresent(v -> s.put("private_key_passphrase", v));
        if (c.get("fingerprints") instanceof List<?> l)
          s.put("fingerprints", String.join(",", l.stream().map(String::valueOf).toList()));
        put(s, "root_dir", c.get("prefix"));
        yield new StorageTarget("sftp", s);
      }
      case FTP -> {
        Map<String, Object> c = section(fs, "ftpconfig");
        String[] hp = endpoint(c, "ftpconfig", 21);
        s.put("host", hp[0]);
        s.put("port", hp[1]);
        put(s, "username", c.getOrDefault("username", "anonymous"));
        secrets.reveal(fs, "ftpconfig", "password").ifPresent(v -> s.put("password", v));
        s.put("tls_mode", tlsMode(c));
        put(s, "tls_insecure", c.get("skip_tls_verify"));
        s.put("passive", String.valueOf(!Boolean.TRUE.equals(c.get("active_mode"))));
        put(s, "root_dir", c.get("prefix"));
        yield new StorageTarget("ftp", s);
      }
      default -> throw new IllegalStateException("unreachable");
    };
  }

  private static String tlsMode(Map<String, Object> ftp) {
    Object mode = ftp.getOrDefault("tls_mode", 0);
    int m = mode instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : -1;
    return switch (m) {
      case 0 -> "none";
      case 1 -> "explicit";
      case 2 -> "implicit";
      default -> throw new ValidationException(
          "filesystem.ftpconfig.tls_mode must be 0 (none), 1 (explicit) or 2 (implicit), got " + mode);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(Map<String, Object> fs, String name) {
    if (fs.get(name) instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new ValidationException("filesystem." + name + " is required for provider " + fs.get("provider"));
  }

  private static void required(Map<String, Object> fs, String section, String field) {
    Object v = section(fs, section).get(field);
    if (v == null || String.valueOf(v).isBlank())
      throw new ValidationException("filesystem." + section + "." + field + " is required");
  }

  /** host and port of an "host:port" endpoint ("[v6]:port" for IPv6). */
  private static String[] endpoint(Map<String, Object> c, String section, int defaultPort) {
    String e = c.get("endpoint") == null ? "" : String.valueOf(c.get("endpoint")).trim();
    if (e.isEmpty()) throw new ValidationException("filesystem." + section + ".endpoint is required (host:port)");
    String host = e;
    String port = String.valueOf(defaultPort);
    int colon = e.lastIndexOf(':');
    if (e.startsWith("[")) {
      int close = e.indexOf(']');
      host = e.substring(1, close);
      if (close + 1 < e.length() && e.charAt(close + 1) == ':') port = e.substring(close + 2);
    } else if (colon > 0 && e.indexOf(':') == colon) {
      host = e.substring(0, colon);
      port = e.substring(colon + 1);
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535)
      throw new ValidationException("filesystem." + section + ".endpoint has an invalid port: '" + e + "'");
    return new String[] {host, port};
  }

  private static void put(Map<String, String> s, String key, Object v) {
    if (v != null && !String.valueOf(v).isEmpty()) s.put(key, String.valueOf(v));
  }
}
