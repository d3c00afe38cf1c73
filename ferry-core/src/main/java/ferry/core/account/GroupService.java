package ferry.core.account;

import static java.util.Objects.requireNonNull;

import ferry.core.auth.Actor;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.folder.Filesystems;
import ferry.core.folder.FolderRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Groups of users and the settings members inherit (see {@link GroupMerge}). */
public final class GroupService {
  /** The longest {@code expires_in}: 100 years, well inside the dates an expiry may hold. */
  public static final int MAX_EXPIRES_IN_DAYS = 36_500;

  private final GroupRepository groups;
  private final UserRepository users;
  private final FolderRepository folders;
  private final Filesystems filesystems;
  private final Clock clock;

  public GroupService(GroupRepository groups, UserRepository users, FolderRepository folders,
      Filesystems filesystems, Clock clock) {
    this.groups = requireNonNull(groups, "No group repository");
    this.users = requireNonNull(users, "No user repository");
    this.folders = requireNonNull(folders, "No folder repository");
    this.filesystems = requireNonNull(filesystems, "No filesystems");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** Creates a group; answers with secrets redacted. */
  public Group create(Actor actor, GroupInput in) {
    actor.requireAdmin("manage groups");
    Group g = validated(in, null);
    groups.insert(g);
    return answer(stored(g.name()));
  }

  /** Replaces a group's description, user settings and virtual folders (Redacted secrets are kept). */
  public Group update(Actor actor, String name, GroupInput in) {
    actor.requireAdmin("manage groups");
    Group old = stored(name);
    groups.update(validated(in, old));
    return answer(stored(name));
  }

  public Group get(Actor actor, String name) {
    actor.requireAdmin("manage groups");
    return answer(stored(name));
  }

  /** Groups sorted by name. */
  public List<Group> list(Actor actor) {
    actor.requireAdmin("manage groups");
    return groups.list().stream().map(this::answer).toList();
  }

  /** Groups sorted by name, {@code offset} skipped, at most {@code limit} (the /api/v2 listing). */
  public List<Group> list(Actor actor, int offset, int limit, boolean descending) {
    actor.requireAdmin("manage groups");
    List<Group> all = new java.util.ArrayList<>(groups.list());
    if (descending) java.util.Collections.reverse(all);
    return all.stream().skip(offset).limit(limit).map(this::answer).toList();
  }

  /** The users that are members of the group, sorted. */
  public List<String> members(Actor actor, String name) {
    actor.requireAdmin("manage groups");
    return users.membersOf(name);
  }

  /** Deletes a group nobody is a member of; otherwise a conflict naming the members. */
  public void delete(Actor actor, String name) {
    actor.requireAdmin("manage groups");
    stored(name);
    List<String> members = users.membersOf(name);
    if (!members.isEmpty())
      throw new ConflictException("group '" + name + "' is used by " + members.size() + " user(s): "
          + String.join(", ", members.subList(0, Math.min(members.size(), 20)))
          + (members.size() > 20 ? ", ..." : "") + "; remove it from them first");
    if (!groups.delete(name)) throw notFound(name);
  }

  private Group validated(GroupInput in, Group old) {
    String name = old == null ? AccountRules.name("name", in.name()) : old.name();
    if (old != null && in.name() != null && !in.name().equals(old.name()))
      throw new ValidationException("name: a group cannot be renamed ('" + old.name() + "' in the path, '"
          + in.name() + "' in the body)");
    GroupUserSettings s = in.userSettings() == null ? GroupUserSettings.NONE : in.userSettings();
    String home = s.homeDir().isEmpty() ? "" : AccountRules.path("user_settings.home_dir", s.homeDir());
    var perms = AccountRules.permissions("user_settings.permissions", s.permissions(), false);
    Map<String, Object> fs = s.filesystem();
    if (Filesystems.provider(fs) != Filesystems.LOCAL) Filesystems.validate(fs, home, "user_settings.home_dir");
    filesystems.requireApartFromDataDir(fs, home, "user_settings.home_dir");
    if (old != null) requireMemberHomesApart(old.name(), home, fs);
    GroupUserSettings valid = new GroupUserSettings(home,
        (int) AccountRules.atLeast("user_settings.max_sessions", s.maxSessions(), 0),
        AccountRules.atLeast("user_settings.quota_size", s.quotaSize(), 0),
        AccountRules.atLeast("user_settings.quota_files", s.quotaFiles(), 0), perms,
        AccountRules.atLeast("user_settings.upload_bandwidth", s.uploadBandwidth(), 0),
        AccountRules.atLeast("user_settings.download_bandwidth", s.downloadBandwidth(), 0),
        (int) AccountRules.between("user_settings.expires_in", s.expiresIn(), 0, MAX_EXPIRES_IN_DAYS),
        AccountRules.filters("user_settings.filters", s.filters()),
        filesystems.seal(fs, old == null ? null : old.userSettings().filesystem()));
    List<FolderMapping> vfs = AccountRules.folders("virtual_folders", in.virtualFolders(), folders);
    Instant now = clock.instant();
    String description = in.description() == null ? "" : in.description();
    return new Group(old == null ? 0 : old.id(), name, description, valid, vfs,
        old == null ? now : old.createdAt(), now);
  }

  /** The homes the template gives the group's primary members, checked like their own (issue 10). */
  private void requireMemberHomesApart(String group, String template, Map<String, Object> fs) {
    if (template.isEmpty() || Filesystems.provider(fs) != Filesystems.LOCAL) return;
    for (String member : users.membersOf(group)) {
      users.find(member)
          .filter(u -> u.homeDir().isEmpty() && Filesystems.provider(u.filesystem()) == Filesystems.LOCAL)
          .filter(u -> u.groups().stream().anyMatch(m -> m.type() == GroupMapping.PRIMARY && m.name().equals(group)))
          .ifPresent(u -> filesystems.requireApartFromDataDir(fs,
              template.replace(GroupMerge.USERNAME, member), "user_settings.home_dir (for member '" + member + "')"));
    }
  }

  private Group stored(String name) {
    return groups.find(name).orElseThrow(() -> notFound(name));
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("no group named '" + name + "'");
  }

  private Group answer(Group g) {
    GroupUserSettings s = g.userSettings();
    return g.withSettings(new GroupUserSettings(s.homeDir(), s.maxSessions(), s.quotaSize(), s.quotaFiles(),
        s.permissions(), s.uploadBandwidth(), s.downloadBandwidth(), s.expiresIn(), s.filters(),
        filesystems.redact(s.filesystem())));
  }
}
