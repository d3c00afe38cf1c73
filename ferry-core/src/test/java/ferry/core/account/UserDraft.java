package ferry.core.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A mutable UserInput for tests. */
final class UserDraft {
  String username;
  Integer status;
  Instant expiration;
  String password;
  List<String> keys = new ArrayList<>();
  String home;
  Map<String, Set<Permission>> perms = new LinkedHashMap<>(Map.of("/", Set.of(Permission.ALL)));
  long quotaSize;
  long quotaFiles;
  long up;
  int sessions;
  UserFilters filters;
  Map<String, Object> fs;
  List<GroupMapping> groups = new ArrayList<>();
  List<FolderMapping> folders = new ArrayList<>();

  UserDraft(String username, String password, String home) {
    this.username = username;
    this.password = password;
    this.home = home;
  }

  UserInput build() {
    return new UserInput(username, status, null, "d", expiration, password, keys, home, perms, quotaSize, quotaFiles,
        up, 0, sessions, filters, fs, groups, folders, null);
  }
}
