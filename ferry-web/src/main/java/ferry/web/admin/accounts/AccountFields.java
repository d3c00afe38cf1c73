package ferry.web.admin.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.account.BandwidthLimit;
import ferry.core.account.FolderMapping;
import ferry.core.account.PatternsFilter;
import ferry.core.account.Permission;
import ferry.core.account.Permissions;
import ferry.core.account.UserFilters;
import ferry.core.error.ValidationException;
import ferry.httpd.common.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The form fields users and groups share (storage, permissions, filters, virtual folders, numbers),
 * in both directions: stored settings to form values, and form values to the /api/v2 JSON the core's
 * readers ({@code AccountJson}) take. The JSON is the one model; the form is only its flat spelling.
 */
public final class AccountFields {
  static final List<String> PROVIDERS = List.of("local", "s3", "sftp", "ftp");
  private static final Map<String, Integer> PROVIDER_NUMBERS = Map.of("local", 0, "s3", 1, "sftp", 5, "ftp", 7);
  static final List<String> S3_FIELDS = List.of("bucket", "region", "endpoint", "access_key", "key_prefix");
  static final List<String> SFTP_FIELDS = List.of("endpoint", "username", "prefix");
  private static final List<String> SFTP_SECRETS = List.of("password", "private_key", "key_passphrase");
  static final List<String> FTP_FIELDS = List.of("endpoint", "username", "prefix");

  private AccountFields() {}

  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }

  // ---- form -> JSON

  /** A whole number field; blank is 0. */
  static long number(FormValues f, String name) {
    String v = f.v(name);
    if (v.isEmpty()) return 0;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ValidationException(name + " must be a whole number, got '" + abbreviate(v) + "'", Map.of("field", name));
    }
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  /** Lines or comma-separated values. */
  static List<String> list(FormValues f, String name) {
    List<String> out = new ArrayList<>();
    for (String l : f.lines(name)) for (String p : l.split(",")) if (!p.isBlank()) out.add(p.strip());
    return out;
  }

  /** The FilesystemConfig of {@code fs_provider} and its fields; a blank secret keeps the stored one. */
  static ObjectNode filesystem(FormValues f) {
    String p = f.v("fs_provider").isEmpty() ? "local" : f.v("fs_provider");
    Integer n = PROVIDER_NUMBERS.get(p);
    if (n == null) throw new ValidationException("fs_provider must be local, s3 or sftp", Map.of("field", "fs_provider"));
    ObjectNode fs = object().put("provider", n);
    if (p.equals("s3")) {
      ObjectNode c = fs.putObject("s3config");
      for (String k : S3_FIELDS) c.put(k, f.v("s3_" + k));
      c.put("force_path_style", !f.v("s3_force_path_style").isEmpty());
      c.set("access_secret", secret(f.v("s3_access_secret")));
    } else if (p.equals("sftp")) {
      ObjectNode c = fs.putObject("sftpconfig");
      for (String k : SFTP_FIELDS) c.put(k, f.v("sftp_" + k));
      c.set("fingerprints", strings(list(f, "sftp_fingerprints")));
      for (String k : SFTP_SECRETS) c.set(k, secret(f.v("sftp_" + k)));
    } else if (p.equals("ftp")) {
      ObjectNode c = fs.putObject("ftpconfig");
      for (String k : FTP_FIELDS) c.put(k, f.v("ftp_" + k));
      c.set("password", secret(f.v("ftp_password")));
      c.put("tls_mode", f.v("ftp_tls_mode").matches("[12]") ? Integer.parseInt(f.v("ftp_tls_mode")) : 0);
      c.put("skip_tls_verify", !f.v("ftp_skip_tls_verify").isEmpty());
      c.put("active_mode", !f.v("ftp_active_mode").isEmpty());
    }
    return fs;
  }

  private static ObjectNode secret(String value) {
    return value.isEmpty() ? object().put("status", "Redacted") : object().put("status", "Plain").put("payload", value);
  }

  /** {@code perm_root} checkboxes for "/" and {@code permissions_sub} lines "/dir: list, upload". */
  static ObjectNode permissions(FormValues f, boolean rootRequired) {
    ObjectNode p = object();
    if (!f.all("perm_root").isEmpty() || rootRequired) p.set("/", strings(f.all("perm_root")));
    for (String line : f.lines("permissions_sub")) {
      int colon = line.indexOf(':');
      if (colon < 0) throw new ValidationException("permissions: write a line as /dir: list, upload, got '"
          + abbreviate(line) + "'", Map.of("field", "permissions_sub"));
      List<String> values = new ArrayList<>();
      for (String v : line.substring(colon + 1).split("[,\\s]+")) if (!v.isBlank()) values.add(v);
      p.set(line.substring(0, colon).strip(), strings(values));
    }
    return p;
  }

  static ObjectNode filters(FormValues f) {
    ObjectNode o = object();
    o.set("allowed_ip", strings(list(f, "allowed_ip")));
    o.set("denied_ip", strings(list(f, "denied_ip")));
    o.set("denied_login_methods", strings(f.all("denied_login_methods")));
    o.set("denied_protocols", strings(f.all("denied_protocols")));
    ArrayNode patterns = o.putArray("file_patterns");
    for (String line : f.lines("file_patterns")) {
      String[] part = (line + " | | | ").split("\\|");
      ObjectNode pf = patterns.addObject().put("path", part[0].strip());
      pf.set("allowed_patterns", strings(words(part[1])));
      pf.set("denied_patterns", strings(words(part[2])));
      pf.put("deny_policy", part[3].strip().equals("1") ? 1 : 0);
    }
    o.put("max_upload_file_size", number(f, "max_upload_file_size"));
    ArrayNode limits = o.putArray("bandwidth_limits");
    for (String line : f.lines("bandwidth_limits")) {
      String[] part = (line + " | | ").split("\\|");
      ObjectNode b = limits.addObject();
      b.set("sources", strings(words(part[0].replace(',', ' '))));
      b.put("upload_bandwidth", lineNumber(part[1], "bandwidth_limits"));
      b.put("download_bandwidth", lineNumber(part[2], "bandwidth_limits"));
    }
    o.put("allow_api_key_auth", !f.v("allow_api_key_auth").isEmpty());
    o.put("start_directory", f.v("start_directory"));
    return o;
  }

  /** {@code virtual_folders} lines "folder /virtual/path [quota_size quota_files]". */
  static ArrayNode folders(FormValues f) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (String line : f.lines("virtual_folders")) {
      List<String> w = words(line);
      if (w.size() < 2) throw new ValidationException("virtual_folders: write a line as folder /virtual/path, got '"
          + abbreviate(line) + "'", Map.of("field", "virtual_folders"));
      a.addObject().put("name", w.get(0)).put("virtual_path", w.get(1))
          .put("quota_size", w.size() > 2 ? lineNumber(w.get(2), "virtual_folders") : 0)
          .put("quota_files", w.size() > 3 ? lineNumber(w.get(3), "virtual_folders") : 0);
    }
    return a;
  }

  private static long lineNumber(String v, String field) {
    String s = v.strip();
    if (s.isEmpty()) return 0;
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new ValidationException(field + " must be a whole number, got '" + abbreviate(s) + "'", Map.of("field", field));
    }
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.strip().split("\\s+")) if (!w.isEmpty()) out.add(w);
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  // ---- stored settings -> form

  /** {@code local}, {@code s3}, {@code sftp} or {@code ftp}: how a FilesystemConfig's provider is named. */
  public static String providerName(Map<String, Object> fs) {
    Object p = fs.getOrDefault("provider", 0);
    int n = p instanceof Number num ? num.intValue() : 0;
    return PROVIDER_NUMBERS.entrySet().stream().filter(e -> e.getValue() == n).map(Map.Entry::getKey)
        .findFirst().orElse("local");
  }

  static void putFilesystem(FormValues f, Map<String, Object> fs) {
    f.set("fs_provider", providerName(fs));
    if (fs.get("s3config") instanceof Map<?, ?> c) {
      for (String k : S3_FIELDS) f.set("s3_" + k, str(c.get(k)));
      if (Boolean.TRUE.equals(c.get("force_path_style"))) f.set("s3_force_path_style", "1");
      if (c.get("access_secret") instanceof Map<?, ?>) f.set("s3_access_secret.stored", "1");
    }
    if (fs.get("sftpconfig") instanceof Map<?, ?> c) {
      for (String k : SFTP_FIELDS) f.set("sftp_" + k, str(c.get(k)));
      if (c.get("fingerprints") instanceof List<?> l) f.set("sftp_fingerprints", String.join("\n", l.stream().map(String::valueOf).toList()));
      for (String k : SFTP_SECRETS) if (c.get(k) instanceof Map<?, ?>) f.set("sftp_" + k + ".stored", "1");
    }
    if (fs.get("ftpconfig") instanceof Map<?, ?> c) {
      for (String k : FTP_FIELDS) f.set("ftp_" + k, str(c.get(k)));
      f.set("ftp_tls_mode", str(c.get("tls_mode")));
      if (Boolean.TRUE.equals(c.get("skip_tls_verify"))) f.set("ftp_skip_tls_verify", "1");
      if (Boolean.TRUE.equals(c.get("active_mode"))) f.set("ftp_active_mode", "1");
      if (c.get("password") instanceof Map<?, ?>) f.set("ftp_password.stored", "1");
    }
  }

  static void putPermissions(FormValues f, Map<String, Set<Permission>> perms) {
    Map<String, List<String>> wire = Permissions.wire(perms);
    f.set("perm_root", wire.getOrDefault("/", List.of()));
    List<String> sub = new ArrayList<>();
    wire.forEach((dir, v) -> {
      if (!dir.equals("/")) sub.add(dir + ": " + String.join(", ", v));
    });
    f.set("permissions_sub", String.join("\n", sub));
  }

  static void putFilters(FormValues f, UserFilters u) {
    f.set("allowed_ip", String.join("\n", u.allowedIp()));
    f.set("denied_ip", String.join("\n", u.deniedIp()));
    f.set("denied_login_methods", u.deniedLoginMethods());
    f.set("denied_protocols", u.deniedProtocols());
    List<String> pats = new ArrayList<>();
    for (PatternsFilter p : u.filePatterns())
      pats.add(p.path() + " | " + String.join(" ", p.allowedPatterns()) + " | " + String.join(" ", p.deniedPatterns())
          + " | " + p.denyPolicy());
    f.set("file_patterns", String.join("\n", pats));
    f.set("max_upload_file_size", String.valueOf(u.maxUploadFileSize()));
    List<String> limits = new ArrayList<>();
    for (BandwidthLimit b : u.bandwidthLimits())
      limits.add(String.join(" ", b.sources()) + " | " + b.uploadBandwidth() + " | " + b.downloadBandwidth());
    f.set("bandwidth_limits", String.join("\n", limits));
    if (u.allowApiKeyAuth()) f.set("allow_api_key_auth", "1");
    f.set("start_directory", u.startDirectory());
  }

  static void putFolders(FormValues f, List<FolderMapping> folders) {
    List<String> lines = new ArrayList<>();
    for (FolderMapping m : folders)
      lines.add(m.name() + " " + m.virtualPath() + " " + m.quotaSize() + " " + m.quotaFiles());
    f.set("virtual_folders", String.join("\n", lines));
  }

  private static String str(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
