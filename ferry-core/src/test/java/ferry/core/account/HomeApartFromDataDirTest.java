package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.ValidationException;
import ferry.core.folder.Filesystems;
import ferry.core.secret.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local home never overlaps the server's data directory, whatever path leads there (issue 10). */
class HomeApartFromDataDirTest {
  final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);
  final MemoryAccounts db = new MemoryAccounts();
  @TempDir Path tmp;
  Path dataDir;
  UserService users;
  GroupService groups;

  @BeforeEach
  void services() throws Exception {
    dataDir = Files.createDirectories(tmp.resolve("srv/ferry-data"));
    Filesystems filesystems = new Filesystems(new SecretCipher(new byte[32]), dataDir);
    users = new UserService(db.userRepo, db.groupRepo, db.folderRepo, filesystems, new PasswordHasher(),
        Clock.systemUTC());
    groups = new GroupService(db.groupRepo, db.userRepo, db.folderRepo, filesystems, Clock.systemUTC());
  }

  private void refused(String username, String home) {
    assertThatThrownBy(() -> users.create(admin, new UserDraft(username, "pw-Secret-1", home).build()))
        .as(home)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("home_dir")
        .hasMessageContaining("data directory");
  }

  @Test
  void aUserHomeInsideOrAroundTheDataDirIsRefused() throws Exception {
    refused("a", dataDir.toString());
    refused("b", dataDir.resolve("db").toString());
    refused("c", dataDir.resolve("not/yet/there").toString());
    refused("d", tmp.resolve("srv").toString());
    refused("e", "/");
    refused("f", tmp + "/srv/./ferry-data//tls/");
    Path link = Files.createSymbolicLink(tmp.resolve("innocent"), dataDir);
    refused("g", link.resolve("tls").toString());
    assertThat(db.users).isEmpty();
    users.create(admin, new UserDraft("ok", "pw-Secret-1", tmp.resolve("srv/homes/ok").toString()).build());
    users.create(admin, new UserDraft("ok2", "pw-Secret-1", tmp.resolve("srv/ferry-data2").toString()).build());
    assertThatThrownBy(() -> users.update(admin, "ok", new UserDraft(null, null, dataDir.toString()).build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data directory");
  }

  @Test
  void aGroupHomeTemplateMayNotLeadIntoTheDataDir() {
    GroupUserSettings inside = settings(dataDir + "/%username%");
    assertThatThrownBy(() -> groups.create(admin, new GroupInput("g", "", inside, List.of())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("user_settings.home_dir");

    groups.create(admin, new GroupInput("srv", "", settings(tmp.resolve("srv") + "/%username%"), List.of()));
    UserDraft named = new UserDraft("ferry-data", "pw-Secret-1", "");
    named.groups = List.of(new GroupMapping("srv", GroupMapping.PRIMARY));
    assertThatThrownBy(() -> users.create(admin, named.build()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data directory");

    UserDraft member = new UserDraft("alice", "pw-Secret-1", "");
    member.groups = List.of(new GroupMapping("srv", GroupMapping.PRIMARY));
    users.create(admin, member.build());
    GroupUserSettings flat = settings(tmp.resolve("srv") + "/ferry-%username%");
    assertThatThrownBy(() -> groups.update(admin, "srv", new GroupInput("srv", "", settings(dataDir.toString()), List.of())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data directory");
    groups.update(admin, "srv", new GroupInput("srv", "", flat, List.of()));
    assertThat(db.groups.get("srv").userSettings().homeDir()).endsWith("/ferry-%username%");
  }

  private static GroupUserSettings settings(String home) {
    return new GroupUserSettings(home, 0, 0, 0, Map.of("/", java.util.Set.of(Permission.ALL)), 0, 0, 0, null, null);
  }
}
