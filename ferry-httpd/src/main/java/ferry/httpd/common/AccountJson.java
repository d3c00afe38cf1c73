package ferry.httpd.common;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.core.account.BandwidthLimit;
import ferry.core.account.FolderMapping;
import ferry.core.account.Group;
import ferry.core.account.GroupInput;
import ferry.core.account.GroupMapping;
import ferry.core.account.GroupUserSettings;
import ferry.core.account.PatternsFilter;
import ferry.core.account.Permissions;
import ferry.core.account.User;
import ferry.core.account.UserFilters;
import ferry.core.account.UserInput;
import ferry.core.auth.Actor;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.folder.Folder;
import ferry.core.folder.FolderService;
import ferry.core.folder.FolderStats;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reference API's {@code User}, {@code Group}, {@code GroupMapping}, {@code VirtualFolder},
 * {@code BaseVirtualFolder}, {@code GroupUserSettings}, {@code UserFilters} and {@code
 * BandwidthLimit} JSON, in both directions, for every face that shows accounts. Times are Unix
 * milliseconds (0 for none); passwords are never written, only {@code has_password}; read-only
 * and unknown fields in a body are ignored.
 */
public final class AccountJson {
  private AccountJson() {}

  /** Finds a folder and its stats for the virtual_folders of an answer. */
  public interface FolderLookup extends Function<String, Optional<Map<String, Object>>> {}

  /** The folders {@code actor} may see, with their stats; a folder gone meanwhile is left out. */
  public static FolderLookup folderLookup(FolderService folders, Actor actor) {
    return name -> {
      try {
        return Optional.of(folder(folders.get(actor, name), folders.stats(actor, name)));
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    };
  }

  /** Reads a User body. */
  public static UserInput userInput(JsonNode body) {
    JsonReader r = root(body, "User");
    long exp = r.number("expiration_date");
    return new UserInput(r.string("username"), r.integer("status"), r.string("email"), r.string("description"),
        exp == 0 ? null : Instant.ofEpochMilli(exp), r.string("password"), r.strings("public_keys"),
        r.string("home_dir"), Permissions.parse("permissions", r.stringLists("permissions")), r.number("quota_size"),
        r.number("quota_files"), r.number("upload_bandwidth"), r.number("download_bandwidth"),
        r.intOrZero("max_sessions"), filters(r.object("filters")), r.tree("filesystem"), groupMappings(r),
        folderMappings(r), r.string("additional_info"));
  }

  /** Reads a Group body. */
  public static GroupInput groupInput(JsonNode body) {
    JsonReader r = root(body, "Group");
    JsonReader s = r.object("user_settings");
    GroupUserSettings settings = s == null ? null : new GroupUserSettings(s.string("home_dir"),
        s.intOrZero("max_sessions"), s.number("quota_size"), s.number("quota_files"),
        Permissions.parse("user_settings.permissions", s.stringLists("permissions")), s.number("upload_bandwidth"),
        s.number("download_bandwidth"), s.intOrZero("expires_in"), filters(s.object("filters")),
        s.tree("filesystem"));
    return new GroupInput(r.string("name"), r.string("description"), settings, folderMappings(r));
  }

  /** A User answer. */
  public static Map<String, Object> user(User u, FolderLookup folders) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", u.id());
    m.put("status", u.status());
    m.put("username", u.username());
    // the schema says format: email, so no address is no field, as SFTPGo leaves it out (issue 12)
    if (u.email() != null && !u.email().isEmpty()) m.put("email", u.email());
    m.put("description", u.description());
    m.put("expiration_date", millis(u.expirationDate()));
    m.put("has_password", u.hasPassword());
    m.put("public_keys", u.publicKeys());
    m.put("home_dir", u.homeDir());
    m.put("virtual_folders", u.virtualFolders().stream().map(f -> virtualFolder(f, folders)).toList());
    m.put("max_sessions", u.maxSessions());
    m.put("quota_size", u.quotaSize());
    m.put("quota_files", u.quotaFiles());
    m.put("permissions", Permissions.wire(u.permissions()));
    m.put("used_quota_size", u.usage().usedSize());
    m.put("used_quota_files", u.usage().usedFiles());
    m.put("last_quota_update", millis(u.usage().lastUpdate()));
    m.put("upload_bandwidth", u.uploadBandwidth());
    m.put("download_bandwidth", u.downloadBandwidth());
    m.put("created_at", millis(u.createdAt()));
    m.put("updated_at", millis(u.updatedAt()));
    m.put("last_login", millis(u.lastLogin()));
    m.put("last_password_change", millis(u.passwordChangedAt()));
    m.put("filters", filters(u.filters()));
    m.put("filesystem", u.filesystem());
    m.put("additional_info", u.additionalInfo());
    m.put("groups", u.groups().stream().map(AccountJson::groupMapping).toList());
    return m;
  }

  /** A Group answer; {@code users} are its members. */
  public static Map<String, Object> group(Group g, List<String> users, FolderLookup folders) {
    GroupUserSettings s = g.userSettings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("home_dir", s.homeDir());
    settings.put("max_sessions", s.maxSessions());
    settings.put("quota_size", s.quotaSize());
    settings.put("quota_files", s.quotaFiles());
    settings.put("permissions", Permissions.wire(s.permissions()));
    settings.put("upload_bandwidth", s.uploadBandwidth());
    settings.put("download_bandwidth", s.downloadBandwidth());
    settings.put("expires_in", s.expiresIn());
    settings.put("filters", filters(s.filters()));
    settings.put("filesystem", s.filesystem());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", g.id());
    m.put("name", g.name());
    m.put("description", g.description());
    m.put("created_at", millis(g.createdAt()));
    m.put("updated_at", millis(g.updatedAt()));
    m.put("user_settings", settings);
    m.put("virtual_folders", g.virtualFolders().stream().map(f -> virtualFolder(f, folders)).toList());
    m.put("users", users);
    return m;
  }

  /** Reads a BaseVirtualFolder body; read-only fields (id, usage, users) are ignored. */
  public static FolderService.FolderInput folderInput(JsonNode body) {
    JsonReader r = root(body, "BaseVirtualFolder");
    return new FolderService.FolderInput(r.string("name"), r.string("description"), r.string("mapped_path"),
        r.tree("filesystem"));
  }

  /** A BaseVirtualFolder answer (secrets already redacted by the folder service). */
  public static Map<String, Object> folder(Folder f, FolderStats stats) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("name", f.name());
    m.put("mapped_path", f.mappedPath());
    m.put("description", f.description());
    m.put("used_quota_size", stats.usedQuotaSize());
    m.put("used_quota_files", stats.usedQuotaFiles());
    m.put("last_quota_update", millis(stats.lastQuotaUpdate()));
    m.put("users", stats.users());
    m.put("filesystem", f.filesystem());
    return m;
  }

  /** Unix milliseconds, 0 for none. */
  public static long millis(Instant t) {
    return t == null ? 0 : t.toEpochMilli();
  }

  private static Map<String, Object> virtualFolder(FolderMapping f, FolderLookup folders) {
    Map<String, Object> m = new LinkedHashMap<>(folders.apply(f.name()).orElseGet(() -> Map.of("name", f.name())));
    m.put("virtual_path", f.virtualPath());
    m.put("quota_size", f.quotaSize());
    m.put("quota_files", f.quotaFiles());
    return m;
  }

  private static Map<String, Object> groupMapping(GroupMapping g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", g.name());
    m.put("type", g.type());
    return m;
  }

  private static Map<String, Object> filters(UserFilters f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("allowed_ip", f.allowedIp());
    m.put("denied_ip", f.deniedIp());
    m.put("denied_login_methods", f.deniedLoginMethods());
    m.put("denied_protocols", f.deniedProtocols());
    m.put("file_patterns", f.filePatterns().stream().map(p -> {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("path", p.path());
      pm.put("allowed_patterns", p.allowedPatterns());
      pm.put("denied_patterns", p.deniedPatterns());
      pm.put("deny_policy", p.denyPolicy());
      return pm;
    }).toList());
    m.put("max_upload_file_size", f.maxUploadFileSize());
    m.put("bandwidth_limits", f.bandwidthLimits().stream().map(b -> {
      Map<String, Object> bm = new LinkedHashMap<>();
      bm.put("sources", b.sources());
      bm.put("upload_bandwidth", b.uploadBandwidth());
      bm.put("download_bandwidth", b.downloadBandwidth());
      return bm;
    }).toList());
    m.put("allow_api_key_auth", f.allowApiKeyAuth());
    m.put("start_directory", f.startDirectory());
    return m;
  }

  private static UserFilters filters(JsonReader f) {
    if (f == null) return null;
    List<PatternsFilter> patterns = f.objects("file_patterns").stream().map(p -> new PatternsFilter(
        p.string("path"), p.strings("allowed_patterns"), p.strings("denied_patterns"), p.intOrZero("deny_policy")))
        .toList();
    List<BandwidthLimit> limits = f.objects("bandwidth_limits").stream().map(b -> new BandwidthLimit(
        b.strings("sources"), b.number("upload_bandwidth"), b.number("download_bandwidth"))).toList();
    return new UserFilters(f.strings("allowed_ip"), f.strings("denied_ip"), f.strings("denied_login_methods"),
        f.strings("denied_protocols"), patterns, f.number("max_upload_file_size"), limits,
        f.bool("allow_api_key_auth"), f.string("start_directory"));
  }

  private static List<GroupMapping> groupMappings(JsonReader r) {
    return r.objects("groups").stream().map(g -> {
      Integer type = g.integer("type");
      if (type == null) throw new ValidationException(g.path("type") + " is required (1 primary, 2 secondary, 3 membership)");
      return new GroupMapping(g.string("name"), type);
    }).toList();
  }

  private static List<FolderMapping> folderMappings(JsonReader r) {
    return r.objects("virtual_folders").stream().map(f -> new FolderMapping(f.string("name"),
        f.string("virtual_path"), f.number("quota_size"), f.number("quota_files"))).toList();
  }

  private static JsonReader root(JsonNode body, String what) {
    if (body == null || !body.isObject())
      throw new ValidationException("the request body must be a JSON object (a " + what + ")");
    return new JsonReader(body, "");
  }
}
