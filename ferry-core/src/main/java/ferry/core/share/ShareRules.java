package ferry.core.share;

import ferry.core.auth.Cidr;
import ferry.core.error.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks and normalises what an owner sends for a share. */
final class ShareRules {
  static final int MAX_NAME = 255;
  static final int MAX_DESCRIPTION = 1024;
  static final int MAX_PATHS = 100;
  static final int MAX_PATH = 4000;
  static final int MAX_NETWORKS = 100;

  private ShareRules() {}

  static String name(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty()) throw new ValidationException("name: a share needs a name");
    if (n.length() > MAX_NAME) throw new ValidationException("name: at most " + MAX_NAME + " characters");
    if (hasControl(n)) throw new ValidationException("name: control characters are not allowed");
    return n;
  }

  static String description(String d) {
    if (d == null) return "";
    if (d.length() > MAX_DESCRIPTION)
      throw new ValidationException("description: at most " + MAX_DESCRIPTION + " characters");
    if (d.indexOf('\0') >= 0) throw new ValidationException("description: NUL characters are not allowed");
    return d;
  }

  /** Absolute, clean virtual paths without duplicates; a writing share exactly one. */
  static List<String> paths(List<String> paths, ShareScope scope) {
    if (paths.isEmpty()) throw new ValidationException("paths: a share needs at least one path");
    if (paths.size() > MAX_PATHS) throw new ValidationException("paths: at most " + MAX_PATHS + " paths");
    LinkedHashSet<String> clean = new LinkedHashSet<>();
    for (String p : paths) clean.add(path(p));
    if (scope.writes() && clean.size() != 1)
      throw new ValidationException("paths: a share with the write scope must contain exactly one directory");
    return List.copyOf(clean);
  }

  /** {@code p} made absolute with "." and empty names folded; ".." is refused, not clamped. */
  static String path(String p) {
    if (p == null || p.isBlank()) throw new ValidationException("paths: empty path");
    if (p.length() > MAX_PATH) throw new ValidationException("paths: a path has at most " + MAX_PATH + " characters");
    if (hasControl(p)) throw new ValidationException("paths: control characters are not allowed in '" + p + "'");
    List<String> names = new ArrayList<>();
    for (String n : p.replace('\\', '/').split("/")) {
      if (n.isEmpty() || n.equals(".")) continue;
      if (n.equals("..")) throw new ValidationException("paths: '..' is not allowed in '" + p + "'");
      names.add(n);
    }
    return "/" + String.join("/", names);
  }

  static List<String> networks(List<String> allowFrom) {
    if (allowFrom.size() > MAX_NETWORKS)
      throw new ValidationException("allow_from: at most " + MAX_NETWORKS + " networks");
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String n : allowFrom) {
      try {
        out.add(Cidr.parse(n).text());
      } catch (ValidationException e) {
        throw new ValidationException("allow_from: " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  static int maxTokens(int max) {
    if (max < 0) throw new ValidationException("max_tokens: must be 0 (no limit) or more");
    return max;
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }
}
