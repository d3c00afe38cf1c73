package ferry.core.account;

import ferry.core.folder.Filesystems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges a user's groups into the user (SFTPGo's semantics, with one deliberate difference: the
 * user's own values always win over the primary group's).
 *
 * <p>The <b>primary</b> group (type 1) fills what the user leaves unset:
 *
 * <ul>
 *   <li>{@code home_dir}: the group's, with {@code %username%} replaced, when the user has none;
 *   <li>{@code filesystem}: the group's, when it is not local, with {@code %username%} replaced in
 *       the S3 key prefix and the SFTP/FTP prefix, when the user has no home_dir of its own (a user
 *       with its own home_dir keeps its own storage). It replaces the user's whatever its provider,
 *       as in the reference API, so that a user may carry placeholder values (seed 004, Case B);
 *   <li>{@code quota_size}, {@code quota_files}, {@code upload_bandwidth}, {@code
 *       download_bandwidth}, {@code max_sessions}, {@code filters.max_upload_file_size}: the
 *       group's where the user's are 0; {@code filters.start_directory} where the user's is empty;
 *       {@code filters.allow_api_key_auth} when the user's is false;
 *   <li>permissions for "/" when the user has none for "/".
 * </ul>
 *
 * <p>The primary and every <b>secondary</b> group (type 2), in the order the user lists them,
 * then add: permissions for sub-paths the user does not list itself (never "/"), file patterns for
 * paths the user does not filter itself, allowed and denied IPs, denied login methods and
 * protocols, bandwidth limits, and virtual folders whose folder the user does not map yet and
 * whose path overlaps none already mapped. Paths may use {@code %username%}. <b>Membership</b>
 * groups (type 3) contribute nothing.
 */
final class GroupMerge {
  static final String USERNAME = "%username%";

  private GroupMerge() {}

  /** Whether a primary group with settings {@code s} gives {@code u} its filesystem. */
  static boolean overridesFilesystem(User u, GroupUserSettings s) {
    return u.homeDir().isEmpty() && Filesystems.provider(s.filesystem()) != Filesystems.LOCAL;
  }

  /** The user with its groups merged in; groups not found in {@code groups} are skipped. */
  static User apply(User u, Map<String, Group> groups) {
    String home = u.homeDir();
    Map<String, Object> fs = u.filesystem();
    long quotaSize = u.quotaSize();
    long quotaFiles = u.quotaFiles();
    long up = u.uploadBandwidth();
    long down = u.downloadBandwidth();
    int sessions = u.maxSessions();
    Map<String, Set<Permission>> perms = new LinkedHashMap<>(u.permissions());
    Filters f = new Filters(u.filters());
    List<FolderMapping> folders = new ArrayList<>(u.virtualFolders());
    String name = u.username();

    for (GroupMapping m : u.groups()) {
      Group g = groups.get(m.name());
      if (g == null || m.type() == GroupMapping.MEMBERSHIP) continue;
      GroupUserSettings s = g.userSettings();
      if (m.type() == GroupMapping.PRIMARY) {
        if (home.isEmpty() && !s.homeDir().isEmpty()) home = s.homeDir().replace(USERNAME, name);
        if (overridesFilesystem(u, s))
          fs = withUsername(s.filesystem(), name);
        quotaSize = quotaSize == 0 ? s.quotaSize() : quotaSize;
        quotaFiles = quotaFiles == 0 ? s.quotaFiles() : quotaFiles;
        up = up == 0 ? s.uploadBandwidth() : up;
        down = down == 0 ? s.downloadBandwidth() : down;
        sessions = sessions == 0 ? s.maxSessions() : sessions;
        if (!perms.containsKey("/") && s.permissions().containsKey("/")) perms.put("/", s.permissions().get("/"));
        f.primary(s.filters());
      }
      s.permissions().forEach((dir, p) -> {
        if (!dir.equals("/")) perms.putIfAbsent(dir.replace(USERNAME, name), p);
      });
      f.add(s.filters(), name);
      for (FolderMapping vf : g.virtualFolders()) {
        String vp = vf.virtualPath().replace(USERNAME, name);
        boolean clash = folders.stream().anyMatch(o -> o.name().equals(vf.name()) || AccountRules.overlap(o.virtualPath(), vp));
        if (!clash) folders.add(new FolderMapping(vf.name(), vp, vf.quotaSize(), vf.quotaFiles()));
      }
    }
    return new User(u.id(), name, u.status(), u.email(), u.description(), u.expirationDate(), u.passwordHash(),
        u.publicKeys(), home, perms, quotaSize, quotaFiles, up, down, sessions, f.build(), fs, u.groups(), folders,
        u.additionalInfo(), u.usage(), u.lastLogin(), u.passwordChangedAt(), u.createdAt(), u.updatedAt());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withUsername(Map<String, Object> fs, String name) {
    Map<String, Object> out = new LinkedHashMap<>(fs);
    for (String[] sf : new String[][] {{"s3config", "key_prefix"}, {"sftpconfig", "prefix"}, {"ftpconfig", "prefix"}}) {
      if (out.get(sf[0]) instanceof Map<?, ?> section && section.get(sf[1]) instanceof String v) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) section);
        copy.put(sf[1], v.replace(USERNAME, name));
        out.put(sf[0], copy);
      }
    }
    return out;
  }

  /** Filters being merged. */
  private static final class Filters {
    final Set<String> allowedIp;
    final Set<String> deniedIp;
    final Set<String> deniedMethods;
    final Set<String> deniedProtocols;
    final List<PatternsFilter> patterns;
    final List<BandwidthLimit> bandwidth;
    long maxUpload;
    boolean apiKeys;
    String start;

    Filters(UserFilters f) {
      allowedIp = new LinkedHashSet<>(f.allowedIp());
      deniedIp = new LinkedHashSet<>(f.deniedIp());
      deniedMethods = new LinkedHashSet<>(f.deniedLoginMethods());
      deniedProtocols = new LinkedHashSet<>(f.deniedProtocols());
      patterns = new ArrayList<>(f.filePatterns());
      bandwidth = new ArrayList<>(f.bandwidthLimits());
      maxUpload = f.maxUploadFileSize();
      apiKeys = f.allowApiKeyAuth();
      start = f.startDirectory();
    }

    void primary(UserFilters g) {
      if (maxUpload == 0) maxUpload = g.maxUploadFileSize();
      if (!apiKeys) apiKeys = g.allowApiKeyAuth();
      if (start.isEmpty()) start = g.startDirectory();
    }

    void add(UserFilters g, String name) {
      allowedIp.addAll(g.allowedIp());
      deniedIp.addAll(g.deniedIp());
      deniedMethods.addAll(g.deniedLoginMethods());
      deniedProtocols.addAll(g.deniedProtocols());
      bandwidth.addAll(g.bandwidthLimits());
      for (PatternsFilter p : g.filePatterns()) {
        String dir = p.path().replace(USERNAME, name);
        if (patterns.stream().noneMatch(o -> o.path().equals(dir)))
          patterns.add(new PatternsFilter(dir, p.allowedPatterns(), p.deniedPatterns(), p.denyPolicy()));
      }
    }

    UserFilters build() {
      return new UserFilters(List.copyOf(allowedIp), List.copyOf(deniedIp), List.copyOf(deniedMethods),
          List.copyOf(deniedProtocols), patterns, maxUpload, bandwidth, apiKeys, start);
    }
  }
}
