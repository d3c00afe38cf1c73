package ferry.core.account;

import static java.util.Objects.requireNonNull;

import ferry.core.Validation;
import ferry.core.auth.Actor;
import ferry.core.auth.Cidr;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.folder.Filesystems;
import ferry.core.folder.Folder;
import ferry.core.folder.FolderRepository;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.session.SessionUser;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File-server users: admin CRUD, and the {@link UserDirectory} logins go through. See {@link
 * GroupMerge} for how group settings are inherited.
 */
public final class UserService implements UserDirectory {
  /** Last-login stamps closer together than this are skipped (the reference API's rule). */
  public static final Duration LAST_LOGIN_INTERVAL = Duration.ofMinutes(10);

  private static final Logger log = LoggerFactory.getLogger(UserService.class);
  private static final String HIDDEN_HASH = "[hidden]";

  private final UserRepository users;
  private final GroupRepository groups;
  private final FolderRepository folders;
  private final Filesystems filesystems;
  private final StoredPasswords passwords;
  private final Clock clock;
  private final Runnable settleUsage;
  private final LoginCache logins;

  public UserService(UserRepository users, GroupRepository groups, FolderRepository folders,
      Filesystems filesystems, PasswordHasher hasher, Clock clock) {
    this(users, groups, folders, filesystems, hasher, clock, () -> {});
  }

  /**
   * With {@code settleUsage} run before each read, so that quota usage charged in the background
   * (see {@code ferry.core.session.DeferredWriter}) is in the answer.
   */
  public UserService(UserRepository users, GroupRepository groups, FolderRepository folders,
      Filesystems filesystems, PasswordHasher hasher, Clock clock, Runnable settleUsage) {
    this(users, groups, folders, filesystems, hasher, clock, settleUsage, LoginCache.disabled());
  }

  /**
   * With logins kept in {@code logins} for a moment; the repositories given here (and every other
   * writer on this node) must be wrapped by {@link LoginCache#watching} so that changes drop them.
   */
  public UserService(UserRepository users, GroupRepository groups, FolderRepository folders,
      Filesystems filesystems, PasswordHasher hasher, Clock clock, Runnable settleUsage, LoginCache logins) {
    this.logins = requireNonNull(logins, "No login cache");
    this.settleUsage = requireNonNull(settleUsage, "No settle hook");
    this.users = requireNonNull(users, "No user repository");
    this.groups = requireNonNull(groups, "No group repository");
    this.folders = requireNonNull(folders, "No folder repository");
    this.filesystems = requireNonNull(filesystems, "No filesystems");
    this.passwords = new StoredPasswords(requireNonNull(hasher, "No hasher"));
    this.clock = requireNonNull(clock, "No clock");
  }

  /** Creates a user; answers with secrets redacted and no password hash. */
  public User create(Actor actor, UserInput in) {
    actor.requireAdmin("manage users");
    User u = validated(in, null);
    long id = users.insert(u);
    return answer(users.find(u.username()).orElse(withId(u, id)));
  }

  /** Replaces a user (PUT): omitted fields take their defaults, except the password and Redacted secrets. */
  public User update(Actor actor, String username, UserInput in) {
    actor.requireAdmin("manage users");
    User old = stored(username);
    users.update(validated(in, old));
    return answer(stored(username));
  }

  public User get(Actor actor, String username) {
    actor.requireAdmin("manage users");
    settleUsage.run();
    return answer(stored(username));
  }

  /** Users sorted by username. */
  public Page<User> list(Actor actor, PageRequest page) {
    actor.requireAdmin("manage users");
    settleUsage.run();
    Page<User> p = users.list(page);
    return new Page<>(p.items().stream().map(this::answer).toList(), p.page(), p.limit(), p.total());
  }

  /** One page of the users {@code query} selects, in its order (the console's users list). */
  public Page<User> search(Actor actor, UserQuery query, PageRequest page) {
    actor.requireAdmin("manage users");
    settleUsage.run();
    Page<User> p = users.search(query, page);
    return new Page<>(p.items().stream().map(this::answer).toList(), p.page(), p.limit(), p.total());
  }

  /** Users sorted by username, {@code offset} skipped, at most {@code limit} (the /api/v2 listing). */
  public List<User> list(Actor actor, int offset, int limit, boolean descending) {
    actor.requireAdmin("manage users");
    settleUsage.run();
    return users.slice(offset, limit, descending).stream().map(this::answer).toList();
  }

  public void delete(Actor actor, String username) {
    actor.requireAdmin("manage users");
    if (!users.delete(username)) throw notFound(username);
  }

  /** The settings a session of this user runs with, groups merged, whatever the user's status. */
  public SessionUser effective(Actor actor, String username) {
    actor.requireAdmin("manage users");
    return session(merged(stored(username)));
  }

  /** A user's quota as its own pages show it: the limits its sessions run with (groups merged), 0 unlimited. */
  public record OwnQuota(long quotaSize, long quotaFiles, long usedSize, long usedFiles) {}

  /** The quota of {@code username} and what it uses, for the user itself (its face authenticated it). */
  public OwnQuota ownQuota(String username) {
    settleUsage.run();
    User u = stored(username);
    SessionUser s = session(merged(u));
    return new OwnQuota(s.quotaSize(), s.quotaFiles(), u.usage().usedSize(), u.usage().usedFiles());
  }

  /** The settings a session of this user would run with, whatever its status; empty if unknown. */
  public Optional<SessionUser> findSessionUser(String username) {
    return users.find(username).map(u -> session(merged(u)));
  }

  @Override
  public Optional<LoginUser> findLoginUser(String username) {
    Instant now = clock.instant();
    return logins.get(username, now, () -> loadLoginUser(username, now));
  }

  private Optional<LoginCache.Loaded> loadLoginUser(String username, Instant now) {
    Optional<User> found = users.find(username)
        .filter(u -> u.status() == User.ENABLED)
        .filter(u -> u.expirationDate() == null || u.expirationDate().isAfter(now));
    if (found.isEmpty()) return Optional.empty();
    User m = merged(found.get());
    SessionUser session;
    try {
      session = session(m);
    } catch (RuntimeException e) {
      log.warn("user {} cannot log in: its storage is not usable: {}", username, e.getMessage());
      return Optional.empty();
    }
    UserFilters f = m.filters();
    return Optional.of(new LoginCache.Loaded(new LoginUser(session, m.passwordHash(), m.publicKeys(), f.allowedIp(),
        f.deniedIp(), f.deniedLoginMethods(), f.deniedProtocols(), f.bandwidthLimits()), found.get().expirationDate()));
  }

  @Override
  public boolean checkPassword(LoginUser user, String password) {
    return passwords.matches(password, user.passwordHash());
  }

  @Override
  public boolean allowsAddress(LoginUser user, String ip) {
    InetAddress addr = Cidr.address(ip);
    if (addr == null) return false;
    for (String d : user.deniedIps()) if (Cidr.parse(d).contains(addr)) return false;
    if (user.allowedIps().isEmpty()) return true;
    for (String a : user.allowedIps()) if (Cidr.parse(a).contains(addr)) return true;
    return false;
  }

  @Override
  public boolean allowsApiKeys(String username) {
    return users.find(username).map(u -> merged(u).filters().allowApiKeyAuth()).orElse(false);
  }

  /** Whether user {@code username} exists, whatever its status. */
  public boolean exists(String username) {
    return users.find(username).isPresent();
  }

  @Override
  public void loggedIn(String username) {
    Instant now = clock.instant();
    users.touchLogin(username, now, now.minus(LAST_LOGIN_INTERVAL));
  }

  /** The user with its groups merged in. */
  User merged(User u) {
    Map<String, Group> byName = new HashMap<>();
    for (GroupMapping m : u.groups()) groups.find(m.name()).ifPresent(g -> byName.put(g.name(), g));
    return GroupMerge.apply(u, byName);
  }

  /** What a session needs: the home ("/") on the user's storage, one mount per virtual folder. */
  SessionUser session(User m) {
    List<SessionUser.Mount> mounts = new ArrayList<>();
    mounts.add(new SessionUser.Mount("/", null, filesystems.target(m.filesystem(), m.homeDir()), -1, -1));
    for (FolderMapping vf : m.virtualFolders()) {
      Optional<Folder> f = folders.find(vf.name());
      if (f.isEmpty()) continue;
      mounts.add(new SessionUser.Mount(vf.virtualPath(), vf.name(),
          filesystems.target(f.get().filesystem(), f.get().mappedPath()), vf.quotaSize(), vf.quotaFiles()));
    }
    return new SessionUser(m.username(), m.permissions(), m.filters().filePatterns(), m.quotaSize(),
        m.quotaFiles(), m.filters().maxUploadFileSize(), m.uploadBandwidth(), m.downloadBandwidth(),
        m.maxSessions(), mounts);
  }

  private User validated(UserInput in, User old) {
    String username = old == null ? AccountRules.name("username", in.username()) : old.username();
    if (old != null && in.username() != null && !in.username().equals(old.username()))
      throw new ValidationException("username: a user cannot be renamed ('" + old.username() + "' in the path, '"
          + in.username() + "' in the body)");
    int status = in.status() == null ? User.ENABLED : in.status();
    if (status != User.ENABLED && status != User.DISABLED)
      throw new ValidationException("status must be 1 (enabled) or 0 (disabled), got " + status);
    String email = orEmpty(in.email()).trim();
    if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+"))
      throw new ValidationException("email is not an e-mail address: '" + email + "'");
    List<String> keys = PublicKeys.validate("public_keys", in.publicKeys());
    Instant now = clock.instant();
    String hash = old == null ? null : old.passwordHash();
    Instant changed = old == null ? null : old.passwordChangedAt();
    if (in.password() != null && !in.password().isEmpty()) {
      hash = passwords.toHash(in.password());
      changed = now;
    }
    if (hash == null && keys.isEmpty())
      throw new ValidationException("password: set a password or at least one public key");
    List<GroupMapping> gm = groupMappings(in.groups());
    Group primary = gm.stream().filter(m -> m.type() == GroupMapping.PRIMARY).findFirst()
        .flatMap(m -> groups.find(m.name())).orElse(null);
    var perms = AccountRules.permissions("permissions", in.permissions(), primary == null);
    String home = orEmpty(in.homeDir()).isEmpty() ? "" : AccountRules.path("home_dir", in.homeDir());
    Map<String, Object> fs = in.filesystem() == null ? Map.of("provider", Filesystems.LOCAL) : in.filesystem();
    // a primary group's storage replaces the user's own, which may then hold placeholders (seed 004, Case B)
    boolean groupStorage = primary != null && home.isEmpty()
        && Filesystems.provider(primary.userSettings().filesystem()) != Filesystems.LOCAL;
    if (Filesystems.provider(fs) != Filesystems.LOCAL && !groupStorage) Filesystems.validate(fs, home, "home_dir");
    UserFilters filters = AccountRules.filters("filters", in.filters());
    List<FolderMapping> vfs = AccountRules.folders("virtual_folders", in.virtualFolders(), folders);
    Instant expiration = Validation.expiry("expiration_date", in.expirationDate());
    if (old == null && expiration == null && primary != null && primary.userSettings().expiresIn() > 0)
      expiration = now.plus(primary.userSettings().expiresIn(), ChronoUnit.DAYS);
    User u = new User(old == null ? 0 : old.id(), username, status, email, orEmpty(in.description()), expiration,
        hash, keys, home, perms, AccountRules.atLeast("quota_size", in.quotaSize(), 0),
        AccountRules.atLeast("quota_files", in.quotaFiles(), 0),
        AccountRules.atLeast("upload_bandwidth", in.uploadBandwidth(), 0),
        AccountRules.atLeast("download_bandwidth", in.downloadBandwidth(), 0),
        (int) AccountRules.atLeast("max_sessions", in.maxSessions(), 0), filters,
        filesystems.seal(fs, old == null ? null : old.filesystem()), gm, vfs, orEmpty(in.additionalInfo()),
        old == null ? QuotaUsage.NONE : old.usage(), old == null ? null : old.lastLogin(), changed,
        old == null ? now : old.createdAt(), now);
    User m = GroupMerge.apply(u, primary == null ? Map.of() : Map.of(primary.name(), primary));
    if (Filesystems.provider(m.filesystem()) == Filesystems.LOCAL && m.homeDir().isEmpty())
      throw new ValidationException("home_dir is required for a local filesystem (an absolute path), unless the"
          + " primary group gives one");
    filesystems.requireApartFromDataDir(m.filesystem(), m.homeDir(), "home_dir");
    if (!m.permissions().containsKey("/"))
      throw new ValidationException("permissions must include \"/\"; the primary group '" + primary.name()
          + "' gives none");
    return u;
  }

  private List<GroupMapping> groupMappings(List<GroupMapping> in) {
    List<GroupMapping> out = new ArrayList<>();
    if (in == null) return out;
    boolean primary = false;
    for (GroupMapping m : in) {
      String name = m.name() == null ? "" : m.name().trim();
      if (m.type() < GroupMapping.PRIMARY || m.type() > GroupMapping.MEMBERSHIP)
        throw new ValidationException("groups[\"" + name + "\"].type must be 1 (primary), 2 (secondary) or 3"
            + " (membership only), got " + m.type());
      if (groups.find(name).isEmpty()) throw new ValidationException("groups: no group named '" + name + "'");
      if (out.stream().anyMatch(o -> o.name().equals(name)))
        throw new ValidationException("groups lists '" + name + "' twice");
      if (m.type() == GroupMapping.PRIMARY) {
        if (primary) throw new ValidationException("groups: a user has at most one primary group (type 1)");
        primary = true;
      }
      out.add(new GroupMapping(name, m.type()));
    }
    return out;
  }

  private User stored(String username) {
    return users.find(username).orElseThrow(() -> notFound(username));
  }

  private static NotFoundException notFound(String username) {
    return new NotFoundException("no user named '" + username + "'");
  }

  /** What answers carry: secrets redacted, the password hash replaced by a marker. */
  private User answer(User u) {
    return new User(u.id(), u.username(), u.status(), u.email(), u.description(), u.expirationDate(),
        u.hasPassword() ? HIDDEN_HASH : null, u.publicKeys(), u.homeDir(), u.permissions(), u.quotaSize(),
        u.quotaFiles(), u.uploadBandwidth(), u.downloadBandwidth(), u.maxSessions(), u.filters(),
        filesystems.redact(u.filesystem()), u.groups(), u.virtualFolders(), u.additionalInfo(), u.usage(),
        u.lastLogin(), u.passwordChangedAt(), u.createdAt(), u.updatedAt());
  }

  private static User withId(User u, long id) {
    return new User(id, u.username(), u.status(), u.email(), u.description(), u.expirationDate(), u.passwordHash(),
        u.publicKeys(), u.homeDir(), u.permissions(), u.quotaSize(), u.quotaFiles(), u.uploadBandwidth(),
        u.downloadBandwidth(), u.maxSessions(), u.filters(), u.filesystem(), u.groups(), u.virtualFolders(),
        u.additionalInfo(), u.usage(), u.lastLogin(), u.passwordChangedAt(), u.createdAt(), u.updatedAt());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
