package ferry.core.account;

import java.util.Map;
import java.util.Set;

/**
 * The reference API's {@code GroupUserSettings}: what members inherit. Zero means "not set".
 *
 * @param homeDir home directory, may contain {@code %username%}; "" when not set
 * @param permissions per-path permissions; "/" only counts for primary members
 * @param expiresIn days from a member's creation to its expiration, 0 none
 * @param filesystem the FilesystemConfig tree (secrets sealed); provider 0 means not set
 */
public record GroupUserSettings(
    String homeDir,
    int maxSessions,
    long quotaSize,
    long quotaFiles,
    Map<String, Set<Permission>> permissions,
    long uploadBandwidth,
    long downloadBandwidth,
    int expiresIn,
    UserFilters filters,
    Map<String, Object> filesystem) {
  public static final GroupUserSettings NONE =
      new GroupUserSettings("", 0, 0, 0, Map.of(), 0, 0, 0, UserFilters.NONE, Map.of("provider", 0));

  public GroupUserSettings {
    homeDir = homeDir == null ? "" : homeDir;
    permissions = Map.copyOf(permissions);
    filters = filters == null ? UserFilters.NONE : filters;
    filesystem = filesystem == null ? Map.of("provider", 0) : Map.copyOf(filesystem);
  }
}
