package ferry.core.admin;

import ferry.core.Validation;
import ferry.core.auth.Cidr;
import ferry.core.error.ValidationException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Validation of an Admin body; each failure names the field at fault. */
final class AdminRules {
  /** Longer passwords are refused before hashing: no one types them, and they cost work. */
  static final int MAX_PASSWORD_LENGTH = 1024;

  private AdminRules() {}

  static int status(Integer status) {
    int s = status == null ? Admin.ENABLED : status;
    if (s != Admin.ENABLED && s != Admin.DISABLED)
      throw new ValidationException("status must be 1 (enabled) or 0 (disabled), got " + s);
    return s;
  }

  static String email(String email) {
    String e = email == null ? "" : Validation.noControlCharacters("email", email).trim();
    if (!e.isEmpty() && !e.matches("[^@\\s]+@[^@\\s]+"))
      throw new ValidationException("email is not an e-mail address: '" + e + "'");
    if (e.length() > 320) throw new ValidationException("email is longer than 320 characters");
    return e;
  }

  static String text(String field, String value, int max) {
    String v = value == null ? "" : value;
    if (v.length() > max) throw new ValidationException(field + " is longer than " + max + " characters");
    return v;
  }

  static String password(String field, String password) {
    if (password == null || password.isEmpty()) throw new ValidationException(field + " is required");
    if (password.length() > MAX_PASSWORD_LENGTH)
      throw new ValidationException(field + " is longer than " + MAX_PASSWORD_LENGTH + " characters");
    return password;
  }

  /** The permissions named; {@code *} alone when it is among them (it grants everything). */
  static Set<AdminPermission> permissions(List<String> names) {
    if (names == null || names.isEmpty())
      throw new ValidationException("permissions must list at least one permission, e.g. [\"*\"] or"
          + " [\"view_users\"]");
    Set<AdminPermission> out = EnumSet.noneOf(AdminPermission.class);
    for (String n : names) {
      out.add(AdminPermission.fromWire(n).orElseThrow(() -> new ValidationException("permissions: unknown"
          + " permission '" + n + "'; use one of " + String.join(", ", wireNames()))));
    }
    return out.contains(AdminPermission.ALL) ? Set.of(AdminPermission.ALL) : out;
  }

  static AdminFilters filters(List<String> allowList, Boolean allowApiKeyAuth) {
    List<String> nets = new ArrayList<>();
    for (String s : allowList == null ? List.<String>of() : allowList) {
      try {
        nets.add(Cidr.parse(s).text());
      } catch (ValidationException e) {
        throw new ValidationException("filters.allow_list: " + e.getMessage());
      }
    }
    return new AdminFilters(nets, allowApiKeyAuth != null && allowApiKeyAuth);
  }

  private static List<String> wireNames() {
    return java.util.Arrays.stream(AdminPermission.values()).map(AdminPermission::wire).toList();
  }
}
