package ferry.core.account;

import static ferry.core.account.UserServiceTest.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.ValidationException;
import ferry.core.folder.Filesystems;
import ferry.core.secret.SecretCipher;
import ferry.core.session.SessionUser;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupMergeTest {
  final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);
  final MemoryAccounts db = new MemoryAccounts();
  final Filesystems filesystems = new Filesystems(new SecretCipher(new byte[32]), UserServiceTest.DATA_DIR);
  final Clock clock = Clock.fixed(UserServiceTest.NOW, ZoneOffset.UTC);
  final UserService users =
      new UserService(db.userRepo, db.groupRepo, db.folderRepo, filesystems, new PasswordHasher(), clock);
  final GroupService groups = new GroupService(db.groupRepo, db.userRepo, db.folderRepo, filesystems, clock);

  @BeforeEach
  void groupsExist() {
    db.folder("team", "/srv/team");
    db.folder("public", "/srv/public");
    db.folder("mine", "/srv/mine");
    UserFilters primaryFilters = new UserFilters(List.of("10.0.0.0/8"), List.of(), List.of("password"), List.of(),
        List.of(new PatternsFilter("/", List.of(), List.of("*.exe"), 0),
            new PatternsFilter("/%username%/in", List.of("*.csv"), List.of(), 1)),
        1000, List.of(), true, "/in");
    groups.create(admin, new GroupInput("staff", "", new GroupUserSettings("/home/%username%", 3, 5000, 50,
        Map.of("/", Set.of(Permission.LIST, Permission.DOWNLOAD), "/in", Set.of(Permission.UPLOAD),
            "/%username%", Set.of(Permission.ALL)),
        64, 128, 30, primaryFilters, null), List.of(new FolderMapping("team", "/team", -1, -1))));
    UserFilters secondaryFilters = new UserFilters(List.of(), List.of("10.9.0.0/16"), List.of(), List.of("FTP"),
        List.of(new PatternsFilter("/pub", List.of(), List.of("*.tmp"), 0)), 7, List.of(), false, "");
    groups.create(admin, new GroupInput("readers", "", new GroupUserSettings("/ignored", 9, 9, 9,
        Map.of("/", Set.of(Permission.ALL), "/pub", Set.of(Permission.LIST)), 9, 9, 0, secondaryFilters, null),
        List.of(new FolderMapping("public", "/pub", 0, 0), new FolderMapping("team", "/team2", 0, 0))));
    groups.create(admin, new GroupInput("club", "", new GroupUserSettings("", 0, 0, 0,
        Map.of("/club", Set.of(Permission.ALL)), 0, 0, 0, null, null), List.of()));
  }

  @Test
  void thePrimaryGroupFillsWhatTheUserLeavesUnset() {
    UserDraft d = new UserDraft("alice", "pw", null);
    d.perms = Map.of();
    d.quotaFiles = 7;
    d.groups = List.of(new GroupMapping("staff", GroupMapping.PRIMARY));
    User created = users.create(admin, d.build());
    assertThat(created.homeDir()).isEmpty();
    assertThat(created.expirationDate()).isEqualTo(UserServiceTest.NOW.plus(30, ChronoUnit.DAYS));

    User m = users.merged(db.users.get("alice"));
    assertThat(m.homeDir()).isEqualTo("/home/alice");
    assertThat(m.quotaSize()).isEqualTo(5000);
    assertThat(m.quotaFiles()).isEqualTo(7);
    assertThat(m.uploadBandwidth()).isEqualTo(64);
    assertThat(m.maxSessions()).isEqualTo(3);
    assertThat(m.permissions()).containsEntry("/", Set.of(Permission.LIST, Permission.DOWNLOAD))
        .containsEntry("/in", Set.of(Permission.UPLOAD)).containsEntry("/alice", Set.of(Permission.ALL));
    assertThat(m.filters().maxUploadFileSize()).isEqualTo(1000);
    assertThat(m.filters().startDirectory()).isEqualTo("/in");
    assertThat(m.filters().allowApiKeyAuth()).isTrue();
    assertThat(m.filters().filePatterns()).extracting(PatternsFilter::path).containsExactly("/", "/alice/in");

    SessionUser s = users.findLoginUser("alice").orElseThrow().session();
    assertThat(s.mounts()).extracting(SessionUser.Mount::virtualPath).containsExactly("/", "/team");
    assertThat(s.mounts().get(0).storage().settings()).containsEntry("root", "/home/alice");
    assertThat(users.findLoginUser("alice").orElseThrow().deniedLoginMethods()).containsExactly("password");
  }

  @Test
  void theUsersOwnValuesWin() {
    UserDraft d = new UserDraft("bob", "pw", "/data/bob");
    d.perms = Map.of("/", Set.of(Permission.ALL), "/in", Set.of(Permission.LIST));
    d.quotaSize = 1;
    d.sessions = 1;
    d.folders = List.of(new FolderMapping("mine", "/team", 0, 0));
    d.groups = List.of(new GroupMapping("staff", GroupMapping.PRIMARY));
    users.create(admin, d.build());
    User m = users.merged(db.users.get("bob"));
    assertThat(m.homeDir()).isEqualTo("/data/bob");
    assertThat(m.quotaSize()).isEqualTo(1);
    assertThat(m.maxSessions()).isEqualTo(1);
    assertThat(m.permissions()).containsEntry("/", Set.of(Permission.ALL)).containsEntry("/in", Set.of(Permission.LIST));
    // the group's /team mapping clashes with the user's own: the user's stays
    assertThat(m.virtualFolders()).containsExactly(new FolderMapping("mine", "/team", 0, 0));
  }

  @Test
  void secondaryGroupsAddFoldersSubPathPermissionsAndFiltersOnly() {
    UserDraft d = new UserDraft("carol", "pw", "/data/carol");
    d.perms = Map.of("/", Set.of(Permission.LIST));
    d.groups = List.of(new GroupMapping("readers", GroupMapping.SECONDARY), new GroupMapping("club", 3));
    users.create(admin, d.build());
    User m = users.merged(db.users.get("carol"));
    assertThat(m.homeDir()).isEqualTo("/data/carol");
    assertThat(m.quotaSize()).isZero();
    assertThat(m.maxSessions()).isZero();
    assertThat(m.filters().maxUploadFileSize()).isZero();
    assertThat(m.permissions()).containsOnlyKeys("/", "/pub").containsEntry("/", Set.of(Permission.LIST));
    assertThat(m.filters().deniedIp()).containsExactly("10.9.0.0/16");
    assertThat(m.filters().deniedProtocols()).containsExactly("FTP");
    assertThat(m.filters().filePatterns()).extracting(PatternsFilter::path).containsExactly("/pub");
    assertThat(m.virtualFolders()).extracting(FolderMapping::virtualPath).containsExactly("/pub", "/team2");
  }

  @Test
  void aGroupFilesystemReplacesTheDefaultLocalOneWithTheUsername() {
    groups.create(admin, new GroupInput("cloud", "", new GroupUserSettings("/tmp/%username%", 0, 0, 0,
        Map.of("/", Set.of(Permission.ALL)), 0, 0, 0, null, Map.of("provider", 1, "s3config", Map.of("bucket", "b",
            "key_prefix", "users/%username%/", "access_key", "AK",
            "access_secret", Map.of("status", "Plain", "payload", "s3-secret")))), List.of()));
    assertThat(groups.get(admin, "cloud").userSettings().filesystem().toString()).doesNotContain("s3-secret");
    UserDraft d = new UserDraft("dave", "pw", null);
    d.perms = Map.of();
    d.groups = List.of(new GroupMapping("cloud", GroupMapping.PRIMARY));
    users.create(admin, d.build());
    var home = users.findLoginUser("dave").orElseThrow().session().mounts().get(0).storage();
    assertThat(home.type()).isEqualTo("s3");
    assertThat(home.settings()).containsEntry("key_prefix", "users/dave/").containsEntry("access_secret", "s3-secret");
  }

  @Test
  void aPrimaryGroupStorageReplacesPlaceholderS3ValuesOfTheUser() {
    groups.create(admin, new GroupInput("BasicUsers", "", new GroupUserSettings("", 0, 0, 0,
        Map.of("/", Set.of(Permission.ALL)), 0, 0, 0, null, Map.of("provider", 1, "s3config", Map.of("bucket",
            "real", "key_prefix", "users/%username%/", "access_key", "AK",
            "access_secret", Map.of("status", "Plain", "payload", "s3-secret")))), List.of()));
    UserDraft d = new UserDraft("testuser_group", "pw", null);
    d.groups = List.of(new GroupMapping("BasicUsers", GroupMapping.PRIMARY));
    d.fs = Map.of("provider", 1, "s3config", Map.of("bucket", "invalid", "region", "invalid"));
    users.create(admin, d.build());
    var home = users.findLoginUser("testuser_group").orElseThrow().session().mounts().get(0).storage();
    assertThat(home.settings()).containsEntry("bucket", "real").containsEntry("key_prefix", "users/testuser_group/");
  }

  @Test
  void aUserWithoutHomeNeedsAPrimaryGroupThatGivesOne() {
    UserDraft d = new UserDraft("erin", "pw", null);
    d.groups = List.of(new GroupMapping("club", GroupMapping.PRIMARY));
    assertThatThrownBy(() -> users.create(admin, d.build())).isInstanceOf(ValidationException.class)
        .hasMessageContaining("home_dir is required");
    UserDraft noRoot = with(new UserDraft("erin", "pw", "/h"), x -> x.perms = Map.of());
    noRoot.groups = List.of(new GroupMapping("club", GroupMapping.PRIMARY));
    assertThatThrownBy(() -> users.create(admin, noRoot.build())).isInstanceOf(ValidationException.class)
        .hasMessageContaining("gives none");
  }

  @Test
  void groupSettingsAreValidated() {
    assertThatThrownBy(() -> groups.create(admin, new GroupInput("bad", "", new GroupUserSettings("rel", 0, 0, 0,
        Map.of(), 0, 0, 0, null, null), List.of()))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("user_settings.home_dir");
    assertThatThrownBy(() -> groups.create(admin, new GroupInput("bad", "", null,
        List.of(new FolderMapping("nope", "/x", 0, 0))))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("virtual_folders");
    assertThatThrownBy(() -> groups.create(admin, new GroupInput("bad name", "", null, List.of())))
        .isInstanceOf(ValidationException.class).hasMessageContaining("name");
  }
}
