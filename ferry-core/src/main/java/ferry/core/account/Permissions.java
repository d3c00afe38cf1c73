package ferry.core.account;

import ferry.core.error.ValidationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Per-path permissions between the API's wire form and {@link Permission} sets. */
public final class Permissions {
  private Permissions() {}

  /**
   * Reads {@code {"/": ["*"], "/in": ["list", "upload"]}}.
   *
   * @throws ValidationException naming the unknown value and the field
   */
  public static Map<String, Set<Permission>> parse(String field, Map<String, List<String>> wire) {
    Map<String, Set<Permission>> out = new LinkedHashMap<>();
    if (wire == null) return out;
    wire.forEach((dir, values) -> {
      Set<Permission> set = EnumSet.noneOf(Permission.class);
      for (String v : values == null ? List.<String>of() : values) {
        set.add(Permission.fromWire(v).orElseThrow(() -> new ValidationException(field + "[\"" + dir
            + "\"]: unknown permission '" + v + "'; use \"*\" or list, download, upload, overwrite, delete,"
            + " delete_files, delete_dirs, rename, rename_files, rename_dirs, create_dirs, create_symlinks,"
            + " chmod, chown, chtimes, copy")));
      }
      out.put(dir, set);
    });
    return out;
  }

  /** The wire form, paths sorted, values in the reference enum's order. */
  public static Map<String, List<String>> wire(Map<String, Set<Permission>> perms) {
    Map<String, List<String>> out = new TreeMap<>();
    perms.forEach((dir, set) -> {
      List<String> values = new ArrayList<>();
      for (Permission p : Permission.values()) if (set.contains(p)) values.add(p.wire());
      out.put(dir, values);
    });
    return out;
  }
}
