package ferry.web.admin.accounts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.core.account.GroupMapping;
import ferry.core.account.User;
import ferry.core.account.UserInput;
import ferry.core.error.ValidationException;
import ferry.httpd.common.AccountJson;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;

/**
 * The user edit form, the one place that turns its fields into a {@link UserInput} (through the
 * /api/v2 User JSON and {@link AccountJson#userInput}, so the console and the API read a user alike)
 * and a stored user back into fields. Group memberships are selects named {@code group.<name>}.
 */
final class UserForm {
  static final String GROUP_PREFIX = "group.";

  private UserForm() {}

  /** What the form says, as the core takes it. */
  static UserInput input(FormValues f, Collection<String> groups) {
    return AccountJson.userInput(json(f, groups));
  }

  static ObjectNode json(FormValues f, Collection<String> groups) {
    ObjectNode u = AccountFields.object();
    u.put("username", f.v("username"));
    u.put("status", f.v("status").equals("0") ? User.DISABLED : User.ENABLED);
    u.put("email", f.v("email"));
    u.put("description", f.v("description"));
    u.put("expiration_date", expiry(f.v("expiration_date")));
    u.put("password", f.v("password"));
    u.set("public_keys", AccountFields.strings(f.lines("public_keys")));
    u.put("home_dir", f.v("home_dir"));
    u.set("permissions", AccountFields.permissions(f, false));
    for (String n : new String[] {"quota_size", "quota_files", "upload_bandwidth", "download_bandwidth", "max_sessions"})
      u.put(n, AccountFields.number(f, n));
    u.set("filters", AccountFields.filters(f));
    u.set("filesystem", AccountFields.filesystem(f));
    ArrayNode gm = u.putArray("groups");
    for (String g : groups) {
      String type = f.v(GROUP_PREFIX + g);
      if (type.matches("[123]")) gm.addObject().put("name", g).put("type", Integer.parseInt(type));
    }
    u.set("virtual_folders", AccountFields.folders(f));
    u.put("additional_info", f.v("additional_info"));
    return u;
  }

  /** A date (yyyy-mm-dd) as the end of that day in UTC in Unix milliseconds; blank is 0 (never). */
  private static long expiry(String date) {
    if (date.isEmpty()) return 0;
    try {
      return LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
    } catch (DateTimeParseException e) {
      throw new ValidationException("expiration_date must be a date such as 2027-12-31", Map.of("field", "expiration_date"));
    }
  }

  /** The fields of a stored user; secrets and the password stay empty. */
  static FormValues of(User u) {
    FormValues f = FormValues.empty();
    f.set("username", u.username());
    f.set("status", String.valueOf(u.status()));
    f.set("email", u.email());
    f.set("description", u.description());
    f.set("expiration_date", u.expirationDate() == null ? "" : LocalDate.ofInstant(u.expirationDate(), ZoneOffset.UTC).toString());
    f.set("public_keys", String.join("\n", u.publicKeys()));
    f.set("home_dir", u.homeDir());
    AccountFields.putPermissions(f, u.permissions());
    f.set("quota_size", String.valueOf(u.quotaSize()));
    f.set("quota_files", String.valueOf(u.quotaFiles()));
    f.set("upload_bandwidth", String.valueOf(u.uploadBandwidth()));
    f.set("download_bandwidth", String.valueOf(u.downloadBandwidth()));
    f.set("max_sessions", String.valueOf(u.maxSessions()));
    AccountFields.putFilters(f, u.filters());
    AccountFields.putFilesystem(f, u.filesystem());
    for (GroupMapping g : u.groups()) f.set(GROUP_PREFIX + g.name(), String.valueOf(g.type()));
    AccountFields.putFolders(f, u.virtualFolders());
    f.set("additional_info", u.additionalInfo());
    return f;
  }

  /** A new user's defaults: enabled, local storage, every permission on "/". */
  static FormValues blank() {
    return FormValues.empty().set("status", "1").set("fs_provider", "local").set("perm_root", java.util.List.of("*"));
  }

  /** The same user with another status (bulk enable/disable): its /api/v2 answer read back, secrets kept. */
  static UserInput withStatus(User u, int status) {
    ObjectNode json = ferry.httpd.common.Json.MAPPER.valueToTree(AccountJson.user(u, name -> java.util.Optional.empty()));
    json.put("status", status);
    return AccountJson.userInput(json);
  }
}
