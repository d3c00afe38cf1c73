package ferry.core.session;

import ferry.core.account.PatternsFilter;
import ferry.core.account.Permission;
import ferry.vfs.VPath;
import java.nio.file.AccessDeniedException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's per-path permissions and file patterns. For both, the entry of the deepest configured
 * ancestor directory wins.
 */
final class AccessRules {
  private record Patterns(List<NameGlob> allowed, List<NameGlob> denied, int denyPolicy) {
    boolean allows(String name) {
      if (allowed.stream().anyMatch(g -> g.matches(name))) {
        return true;
      }
      if (denied.stream().anyMatch(g -> g.matches(name))) {
        return false;
      }
      return allowed.isEmpty();
    }
  }

  private final Map<VPath, Set<Permission>> permissions = new HashMap<>();
  private final Map<VPath, Patterns> patterns = new HashMap<>();

  AccessRules(SessionUser user) {
    user.permissions().forEach((dir, perms) -> permissions.put(VPath.of(dir), toSet(perms)));
    for (PatternsFilter f : user.filePatterns()) {
      patterns.put(
          VPath.of(f.path()),
          new Patterns(
              f.allowedPatterns().stream().map(NameGlob::compile).toList(),
              f.deniedPatterns().stream().map(NameGlob::compile).toList(),
              f.denyPolicy()));
    }
  }

  private static Set<Permission> toSet(Set<Permission> perms) {
    return perms.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(perms);
  }

  /** Whether {@code perm} is granted in {@code dir}, counting {@code *} and the composites. */
  boolean has(Permission perm, VPath dir) {
    Set<Permission> granted = deepest(permissions, dir);
    if (granted == null) {
      return false;
    }
    if (granted.contains(Permission.ALL) || granted.contains(perm)) {
      return true;
    }
    return switch (perm) {
      case DELETE_FILES, DELETE_DIRS -> granted.contains(Permission.DELETE);
      case RENAME_FILES, RENAME_DIRS -> granted.contains(Permission.RENAME);
      default -> false;
    };
  }

  /**
   * Refuses unless {@code perm} is granted in {@code dir}.
   *
   * @param subject the path the operation is about, named in the message
   */
  void require(Permission perm, VPath dir, VPath subject) throws AccessDeniedException {
    if (!has(perm, dir)) {
      throw new AccessDeniedException(
          subject.toString(), null, "permission denied: '" + perm.wire() + "' is not granted in " + dir);
    }
  }

  /** Whether the file patterns of {@code item}'s directory allow its name. */
  boolean allowed(VPath item) {
    if (item.isRoot()) {
      return true;
    }
    Patterns p = deepest(patterns, item.parentOrRoot());
    return p == null || p.allows(item.name());
  }

  /** Whether {@code item} is denied and its directory's deny policy hides it. */
  boolean hidden(VPath item) {
    if (item.isRoot()) {
      return false;
    }
    Patterns p = deepest(patterns, item.parentOrRoot());
    return p != null && p.denyPolicy() == 1 && !p.allows(item.name());
  }

  /** Refuses a name the file patterns deny. */
  void requireAllowed(VPath item) throws AccessDeniedException {
    if (!allowed(item)) {
      throw new AccessDeniedException(
          item.toString(), null, "permission denied: the name '" + item.name() + "' is not allowed by the file patterns of " + item.parentOrRoot());
    }
  }

  /**
   * Whether a permission or pattern entry is bound to {@code dir} itself or to a path below it.
   * Entries are bound to paths, not to the directories that happen to be there: moving such a tree
   * away would leave its rules behind, and moving a tree there would put it under rules made for
   * something else (issue 10).
   */
  boolean hasRulesAtOrBelow(VPath dir) {
    return atOrBelow(permissions.keySet(), dir) || atOrBelow(patterns.keySet(), dir);
  }

  private static boolean atOrBelow(Set<VPath> dirs, VPath dir) {
    return dirs.stream().anyMatch(d -> d.startsWith(dir));
  }

  private static <T> T deepest(Map<VPath, T> map, VPath dir) {
    VPath d = dir;
    while (true) {
      T value = map.get(d);
      if (value != null || d.isRoot()) {
        return value;
      }
      d = d.parentOrRoot();
    }
  }
}
