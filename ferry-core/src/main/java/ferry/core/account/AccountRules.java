package ferry.core.account;

import ferry.core.Validation;
import ferry.core.auth.Cidr;
import ferry.core.error.ValidationException;
import ferry.core.folder.FolderRepository;
import ferry.core.session.NameGlob;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The validation rules accounts (users, groups, admins) share; each failure names the field at fault. */
public final class AccountRules {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._~-]{0,99}");
  /** The denied_login_methods values a filter may list. */
  public static final List<String> LOGIN_METHODS = List.of("publickey", "password", "password-over-SSH",
      "keyboard-interactive", "publickey+password", "publickey+keyboard-interactive", "TLSCertificate",
      "TLSCertificate+password");
  /** The denied_protocols values a filter may list. */
  public static final List<String> PROTOCOLS = List.of("SSH", "FTP", "DAV", "HTTP");

  private AccountRules() {}

  public static String name(String field, String value) {
    String v = value == null ? "" : Validation.noControlCharacters(field, value).trim();
    if (!NAME.matcher(v).matches())
      throw new ValidationException(field + " must be 1-100 letters, digits, '.', '_', '~' or '-' starting with a"
          + " letter, digit or '_', got '" + (value == null ? "" : value) + "'");
    return v;
  }

  static long between(String field, long value, long min, long max) {
    if (value < min || value > max)
      throw new ValidationException(field + " must be between " + min + " and " + max + ", got " + value);
    return value;
  }

  static long atLeast(String field, long value, long min) {
    if (value < min) throw new ValidationException(field + " must be " + min + " or more, got " + value);
    return value;
  }

  /** The canonical form of an absolute virtual path: no "." segments, no doubled or trailing "/". */
  static String path(String field, String value) {
    Validation.noControlCharacters(field, value);
    if (value == null || !value.startsWith("/"))
      throw new ValidationException(field + " must be an absolute path starting with \"/\", got '" + value + "'");
    StringBuilder out = new StringBuilder();
    for (String seg : value.split("/")) {
      if (seg.isEmpty() || seg.equals(".")) continue;
      if (seg.equals(".."))
        throw new ValidationException(field + " must not contain \"..\", got '" + value + "'");
      out.append('/').append(seg);
    }
    return out.isEmpty() ? "/" : out.toString();
  }

  /**
   * Checks per-path permissions and returns them with canonical paths.
   *
   * @param rootRequired whether "/" must be present
   */
  static Map<String, Set<Permission>> permissions(
      String field, Map<String, Set<Permission>> perms, boolean rootRequired) {
    Map<String, Set<Permission>> out = new LinkedHashMap<>();
    if (perms != null) {
      for (var e : perms.entrySet()) {
        String dir = path(field + " key", e.getKey());
        Set<Permission> p = e.getValue() == null ? Set.of() : e.getValue();
        if (p.isEmpty())
          throw new ValidationException(field + "[\"" + dir + "\"] must list at least one permission");
        if (p.contains(Permission.ALL) && p.size() > 1)
          throw new ValidationException(field + "[\"" + dir + "\"]: \"*\" grants everything and must be alone");
        if (out.put(dir, Set.copyOf(EnumSet.copyOf(p))) != null)
          throw new ValidationException(field + " has \"" + dir + "\" twice");
      }
    }
    if (rootRequired && !out.containsKey("/"))
      throw new ValidationException(field + " must include \"/\" (e.g. {\"/\": [\"*\"]}), or the user needs a"
          + " primary group that gives it");
    return out;
  }

  static UserFilters filters(String field, UserFilters f) {
    if (f == null) return UserFilters.NONE;
    cidrs(field + ".allowed_ip", f.allowedIp());
    cidrs(field + ".denied_ip", f.deniedIp());
    oneOf(field + ".denied_login_methods", f.deniedLoginMethods(), LOGIN_METHODS);
    oneOf(field + ".denied_protocols", f.deniedProtocols(), PROTOCOLS);
    List<PatternsFilter> patterns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PatternsFilter p : f.filePatterns()) {
      String dir = path(field + ".file_patterns[].path", p.path());
      if (!seen.add(dir)) throw new ValidationException(field + ".file_patterns has \"" + dir + "\" twice");
      if (p.denyPolicy() != 0 && p.denyPolicy() != 1)
        throw new ValidationException(field + ".file_patterns[\"" + dir + "\"].deny_policy must be 0 or 1");
      List<String> allowed = patterns(field + ".file_patterns[\"" + dir + "\"].allowed_patterns", p.allowedPatterns());
      List<String> denied = patterns(field + ".file_patterns[\"" + dir + "\"].denied_patterns", p.deniedPatterns());
      if (allowed.isEmpty() && denied.isEmpty())
        throw new ValidationException(field + ".file_patterns[\"" + dir + "\"] needs allowed or denied patterns");
      patterns.add(new PatternsFilter(dir, allowed, denied, p.denyPolicy()));
    }
    atLeast(field + ".max_upload_file_size", f.maxUploadFileSize(), 0);
    for (BandwidthLimit b : f.bandwidthLimits()) {
      if (b.sources().isEmpty())
        throw new ValidationException(field + ".bandwidth_limits[].sources must list at least one network");
      cidrs(field + ".bandwidth_limits[].sources", b.sources());
      atLeast(field + ".bandwidth_limits[].upload_bandwidth", b.uploadBandwidth(), 0);
      atLeast(field + ".bandwidth_limits[].download_bandwidth", b.downloadBandwidth(), 0);
    }
    String start = f.startDirectory().isEmpty() ? "" : path(field + ".start_directory", f.startDirectory());
    return new UserFilters(f.allowedIp(), f.deniedIp(), f.deniedLoginMethods(), f.deniedProtocols(), patterns,
        f.maxUploadFileSize(), f.bandwidthLimits(), f.allowApiKeyAuth(), start.equals("/") ? "" : start);
  }

  /**
   * Checks folder mappings: existing folders, absolute virtual paths other than "/", no folder or
   * path twice, no path inside another.
   */
  static List<FolderMapping> folders(String field, List<FolderMapping> in, FolderRepository repo) {
    List<FolderMapping> out = new ArrayList<>();
    if (in == null) return out;
    Set<String> names = new HashSet<>();
    for (FolderMapping m : in) {
      String name = m.name() == null ? "" : m.name().trim();
      if (name.isEmpty()) throw new ValidationException(field + "[].name is required");
      if (repo.find(name).isEmpty())
        throw new ValidationException(field + ": no folder named '" + name + "' in the VFS Library");
      if (!names.add(name)) throw new ValidationException(field + " maps folder '" + name + "' twice");
      String vp = path(field + "[\"" + name + "\"].virtual_path", m.virtualPath());
      if (vp.equals("/"))
        throw new ValidationException(field + "[\"" + name + "\"].virtual_path must be a sub directory, not \"/\"");
      for (FolderMapping o : out) {
        if (overlap(vp, o.virtualPath()))
          throw new ValidationException(field + ": virtual_path '" + vp + "' of '" + name + "' overlaps '"
              + o.virtualPath() + "' of '" + o.name() + "'");
      }
      atLeast(field + "[\"" + name + "\"].quota_size", m.quotaSize(), -1);
      atLeast(field + "[\"" + name + "\"].quota_files", m.quotaFiles(), -1);
      out.add(new FolderMapping(name, vp, m.quotaSize(), m.quotaFiles()));
    }
    return out;
  }

  /** Whether one path is the other or lies inside it. */
  static boolean overlap(String a, String b) {
    return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
  }

  private static void cidrs(String field, List<String> values) {
    for (String v : values) {
      try {
        Cidr.parse(v);
      } catch (ValidationException e) {
        throw new ValidationException(field + ": " + e.getMessage());
      }
    }
  }

  private static void oneOf(String field, List<String> values, List<String> allowed) {
    for (String v : values) {
      if (!allowed.contains(v))
        throw new ValidationException(field + ": unknown value '" + v + "'; use one of " + String.join(", ", allowed));
    }
  }

  private static List<String> patterns(String field, List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v == null || v.isBlank() || v.contains("/"))
        throw new ValidationException(field + ": '" + v + "' must be a file name pattern such as *.zip (no \"/\")");
      Validation.noControlCharacters(field, v);
      try {
        NameGlob.compile(v.trim());
      } catch (IllegalArgumentException e) {
        throw new ValidationException(field + ": '" + v + "' is not a valid pattern: " + e.getMessage());
      }
      out.add(v.trim());
    }
    return out;
  }
}
