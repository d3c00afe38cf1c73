package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import ferry.core.folder.Filesystems;
import ferry.core.secret.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserServiceTest {
  static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJpxZ753JTWBKmkSOqVvmujK3cOhRmK6WwqjXBJ9UR8c alice@test";
  static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBF7npVK4sxLt53h3"
      + "L9aToFSTi4nh8k/Cx85YFO1t4S8yy4+taod6XAPNS6lUpY6oXfzV5XjG0VVyExAIicG6NK8= x";
  static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  static final java.nio.file.Path DATA_DIR = java.nio.file.Path.of("/var/lib/ferry-test/data");

  final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);
  final MemoryAccounts db = new MemoryAccounts();
  final Filesystems filesystems = new Filesystems(new SecretCipher(new byte[32]), UserServiceTest.DATA_DIR);
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final UserService users =
      new UserService(db.userRepo, db.groupRepo, db.folderRepo, filesystems, new PasswordHasher(), clock);
  final GroupService groups = new GroupService(db.groupRepo, db.userRepo, db.folderRepo, filesystems, clock);

  @Test
  void passwordsAreHashedWithArgon2idAndNeverAnswered() {
    User created = users.create(admin, new UserDraft("alice", "s3cret-Pw", "/srv/alice").build());
    assertThat(created.hasPassword()).isTrue();
    assertThat(created.passwordHash()).doesNotStartWith("$argon2id$").doesNotContain("s3cret");
    assertThat(created.toString()).doesNotContain("$argon2");
    String stored = db.users.get("alice").passwordHash();
    assertThat(stored).startsWith("$argon2id$");

    LoginUser login = users.findLoginUser("alice").orElseThrow();
    assertThat(users.checkPassword(login, "s3cret-Pw")).isTrue();
    assertThat(users.checkPassword(login, "wrong")).isFalse();

    // PUT without a password keeps the hash; a known hash is stored as is
    users.update(admin, "alice", new UserDraft(null, null, "/srv/alice").build());
    assertThat(db.users.get("alice").passwordHash()).isEqualTo(stored);
    users.update(admin, "alice", new UserDraft(null, stored, "/srv/alice").build());
    assertThat(db.users.get("alice").passwordHash()).isEqualTo(stored);
  }

  @Test
  void aUserSeesItsOwnQuotaLimits() {
    UserDraft d = new UserDraft("quoted", "s3cret-Pw", "/srv/quoted");
    d.quotaSize = 1000;
    d.quotaFiles = 7;
    users.create(admin, d.build());
    UserService.OwnQuota q = users.ownQuota("quoted");
    assertThat(q.quotaSize()).isEqualTo(1000);
    assertThat(q.quotaFiles()).isEqualTo(7);
    assertThat(q.usedSize()).isZero();
    assertThatThrownBy(() -> users.ownQuota("nobody")).isInstanceOf(ferry.core.error.NotFoundException.class);
  }

  @Test
  void aUserNeedsAPasswordOrAKey() {
    assertThatThrownBy(() -> users.create(admin, new UserDraft("bob", null, "/srv/bob").build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("password");
    UserDraft d = new UserDraft("bob", null, "/srv/bob");
    d.keys = List.of(ED25519, "  " + ECDSA + "  ");
    assertThat(users.create(admin, d.build()).publicKeys()).containsExactly(ED25519, ECDSA);
  }

  @Test
  void badInputNamesTheField() {
    expectInvalid(new UserDraft("-bad", "pw", "/h"), "username");
    expectInvalid(new UserDraft("bad/name", "pw", "/h"), "username");
    expectInvalid(new UserDraft("u", "pw", "relative/home"), "home_dir");
    expectInvalid(new UserDraft("u", "pw", null), "home_dir");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.perms = Map.of("in", Set.of(Permission.LIST))), "permissions");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.perms = Map.of("/in", Set.of(Permission.LIST))), "\"/\"");
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.perms = Map.of("/", Set.of(Permission.ALL, Permission.LIST))), "must be alone");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.perms = Map.of("/", Set.of())), "at least one");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.keys = List.of("garbage")), "public_keys[0]");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.keys = List.of("ssh-ed25519 !!notbase64")), "base64");
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.keys = List.of("ssh-rsa " + ED25519.split(" ")[1])), "not a ssh-rsa key");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.status = 7), "status");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.quotaSize = -1), "quota_size");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.groups = List.of(new GroupMapping("nope", 1))), "groups");
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.filters = new UserFilters(List.of("10.0.0.300/8"), List.of(), List.of(), List.of(), List.of(), 0,
            List.of(), false, "")), "filters.allowed_ip");
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.filters = new UserFilters(List.of(), List.of(), List.of(), List.of("GOPHER"), List.of(), 0,
            List.of(), false, "")), "filters.denied_protocols");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.fs = Map.of("provider", 1)), "s3config");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.password = "$6$salt$hash"), "cannot verify");
    assertThatThrownBy(() -> Permissions.parse("permissions", Map.of("/", List.of("read"))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("unknown permission 'read'");
  }

  @Test
  void virtualFoldersMustExistAndNotOverlap() {
    db.folder("shared", "/srv/shared");
    db.folder("archive", "/srv/archive");
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.folders = List.of(new FolderMapping("missing", "/m", 0, 0))), "no folder named 'missing'");
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.folders = List.of(new FolderMapping("shared", "/", 0, 0))), "not \"/\"");
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.folders = List.of(new FolderMapping("shared", "relative", 0, 0))), "virtual_path");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.folders = List.of(
        new FolderMapping("shared", "/data", 0, 0), new FolderMapping("archive", "/data/old", 0, 0))), "overlaps");
    UserDraft ok = with(new UserDraft("u", "pw", "/h"), d -> d.folders = List.of(
        new FolderMapping("shared", "/data/", -1, 0), new FolderMapping("archive", "/old", 100, 10)));
    User u = users.create(admin, ok.build());
    assertThat(u.virtualFolders()).extracting(FolderMapping::virtualPath).containsExactly("/data", "/old");
    var mounts = users.findLoginUser("u").orElseThrow().session().mounts();
    assertThat(mounts).extracting(m -> m.virtualPath() + "=" + m.storage().settings().get("root"))
        .containsExactly("/=/h", "/data=/srv/shared", "/old=/srv/archive");
  }

  @Test
  void secretsInTheFilesystemAreSealedAndRedacted() {
    UserDraft d = new UserDraft("s3user", "pw", "/tmp/s3user");
    d.fs = Map.of("provider", 1, "s3config", Map.of("bucket", "b", "access_key", "AK",
        "access_secret", Map.of("status", "Plain", "payload", "top-secret")));
    User u = users.create(admin, d.build());
    assertThat(u.filesystem().toString()).doesNotContain("top-secret").contains("payload=, key=, additional_data=, mode=0");
    assertThat(db.users.get("s3user").filesystem().toString()).doesNotContain("top-secret");
    var home = users.findLoginUser("s3user").orElseThrow().session().mounts().get(0).storage();
    assertThat(home.type()).isEqualTo("s3");
    assertThat(home.settings()).containsEntry("access_secret", "top-secret");
  }

  @Test
  void onlyEnabledUnexpiredUsersLogIn() {
    users.create(admin, with(new UserDraft("off", "pw", "/h"), d -> d.status = 0).build());
    users.create(admin, with(new UserDraft("old", "pw", "/h"), d -> d.expiration = NOW.minusSeconds(1)).build());
    users.create(admin, with(new UserDraft("later", "pw", "/h"), d -> d.expiration = NOW.plusSeconds(60)).build());
    assertThat(users.findLoginUser("off")).isEmpty();
    assertThat(users.findLoginUser("old")).isEmpty();
    assertThat(users.findLoginUser("nobody")).isEmpty();
    assertThat(users.findLoginUser("later")).isPresent();
  }

  @Test
  void addressesAreCheckedDeniedFirst() {
    users.create(admin, with(new UserDraft("ip", "pw", "/h"), d -> d.filters = new UserFilters(
        List.of("10.0.0.0/8", "::1"), List.of("10.1.0.0/16"), List.of(), List.of(), List.of(), 0, List.of(), false,
        "")).build());
    LoginUser u = users.findLoginUser("ip").orElseThrow();
    assertThat(users.allowsAddress(u, "10.2.3.4")).isTrue();
    assertThat(users.allowsAddress(u, "::1")).isTrue();
    assertThat(users.allowsAddress(u, "10.1.3.4")).isFalse();
    assertThat(users.allowsAddress(u, "192.168.1.1")).isFalse();
    assertThat(users.allowsAddress(u, "not-an-ip")).isFalse();
  }

  @Test
  void aLoginStampsTheLastLoginTime() {
    users.create(admin, new UserDraft("a", "pw", "/h").build());
    users.loggedIn("a");
    assertThat(db.users.get("a").lastLogin()).isEqualTo(NOW);
  }

  @Test
  void onlyAdminsManageUsersAndUnknownUsersAreNotFound() {
    Actor key = new Actor("key:1", "127.0.0.1", Role.JOBS);
    assertThatThrownBy(() -> users.create(key, new UserDraft("a", "pw", "/h").build()))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> users.get(admin, "ghost")).isInstanceOf(NotFoundException.class);
    users.create(admin, new UserDraft("a", "pw", "/h").build());
    assertThatThrownBy(() -> users.create(admin, new UserDraft("a", "pw", "/h").build()))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> users.update(admin, "a", new UserDraft("b", "pw", "/h").build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("renamed");
    users.delete(admin, "a");
    assertThatThrownBy(() -> users.delete(admin, "a")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aGroupInUseCannotBeDeleted() {
    groups.create(admin, new GroupInput("staff", "", null, List.of()));
    users.create(admin, with(new UserDraft("a", "pw", "/h"), d -> d.groups = List.of(new GroupMapping("staff", 2))).build());
    assertThatThrownBy(() -> groups.delete(admin, "staff")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("used by 1 user(s): a");
    users.delete(admin, "a");
    groups.delete(admin, "staff");
    assertThat(db.groups).isEmpty();
  }

  @Test
  void atMostOnePrimaryGroup() {
    groups.create(admin, new GroupInput("g1", "", null, List.of()));
    groups.create(admin, new GroupInput("g2", "", null, List.of()));
    expectInvalid(with(new UserDraft("u", "pw", "/h"),
        d -> d.groups = List.of(new GroupMapping("g1", 1), new GroupMapping("g2", 1))), "at most one primary");
    expectInvalid(with(new UserDraft("u", "pw", "/h"), d -> d.groups = List.of(new GroupMapping("g1", 4))), "type");
  }

  private void expectInvalid(UserDraft d, String fragment) {
    assertThatThrownBy(() -> users.create(admin, d.build())).isInstanceOf(ValidationException.class)
        .hasMessageContaining(fragment);
  }

  static UserDraft with(UserDraft d, java.util.function.Consumer<UserDraft> change) {
    change.accept(d);
    return d;
  }
}
