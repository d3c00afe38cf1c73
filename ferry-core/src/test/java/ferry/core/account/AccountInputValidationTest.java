package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.ValidationException;
import ferry.core.folder.Filesystems;
import ferry.core.secret.SecretCipher;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Control characters, unknown enum values, malformed globs and absurd dates are a 400, never stored (issue 10). */
class AccountInputValidationTest {
  final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);
  final MemoryAccounts db = new MemoryAccounts();
  final Filesystems filesystems = new Filesystems(new SecretCipher(new byte[32]), UserServiceTest.DATA_DIR);
  final Clock clock = Clock.fixed(UserServiceTest.NOW, ZoneOffset.UTC);
  final UserService users =
      new UserService(db.userRepo, db.groupRepo, db.folderRepo, filesystems, new PasswordHasher(), clock);
  final GroupService groups = new GroupService(db.groupRepo, db.userRepo, db.folderRepo, filesystems, clock);

  private void refused(String what, Consumer<UserDraft> change, String message) {
    UserDraft d = new UserDraft("alice", "pw-Secret-1", "/srv/alice");
    change.accept(d);
    assertThatThrownBy(() -> users.create(admin, d.build()))
        .as(what)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void controlCharactersInNamesAndPathsAreRefused() {
    refused("NUL in username", d -> d.username = "\0alice", "username must not contain control characters");
    refused("newline in username", d -> d.username = "alice\n", "username");
    refused("escape in home", d -> d.home = "/srv/al\u001bice", "home_dir");
    refused("NUL in a permission path", d -> d.perms = Map.of("/", Set.of(Permission.ALL), "/in\0", Set.of(Permission.LIST)),
        "permissions");
    refused("tab in a pattern", d -> d.filters = patterns("/", List.of("a\tb")), "control characters");
    assertThatThrownBy(() -> groups.create(admin, new GroupInput("staff\r", "", null, List.of())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name must not contain control characters");
    assertThat(db.users).isEmpty();
    assertThat(db.groups).isEmpty();
  }

  @Test
  void malformedGlobsAreRefusedWhenSavedNotAtLogin() {
    for (String glob : List.of("[z-a].txt", "[!]", "[^]x")) {
      refused(glob, d -> d.filters = patterns("/in", List.of(glob)), "not a valid pattern");
    }
    UserDraft fine = new UserDraft("alice", "pw-Secret-1", "/srv/alice");
    fine.filters = patterns("/in", List.of("[a-c]?.txt", "[", "*.zip"));
    users.create(admin, fine.build());
    assertThat(users.findLoginUser("alice")).isPresent();
  }

  @Test
  void unknownEnumValuesAreRefused() {
    Map<String, Object> ftp = Map.of("provider", 7, "ftpconfig", Map.of("endpoint", "ftp.example.com:21", "tls_mode", 9));
    refused("tls_mode 9", d -> d.fs = ftp, "tls_mode must be 0 (none), 1 (explicit) or 2 (implicit)");
    Map<String, Object> asText = Map.of("provider", 7, "ftpconfig", Map.of("endpoint", "ftp.example.com:21", "tls_mode", "1"));
    refused("tls_mode as text", d -> d.fs = asText, "tls_mode");
    refused("provider 1.5", d -> d.fs = Map.of("provider", 1.5), "filesystem.provider");
    GroupUserSettings s = new GroupUserSettings("", 0, 0, 0, Map.of(), 0, 0, 0, null, ftp);
    assertThatThrownBy(() -> groups.create(admin, new GroupInput("staff", "", s, List.of())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tls_mode");
  }

  @Test
  void absurdExpiryDatesAreRefused() {
    refused("before 1970", d -> d.expiration = Instant.ofEpochMilli(-1), "expiration_date must lie between");
    refused("year 1", d -> d.expiration = Instant.parse("0001-01-01T00:00:00Z"), "expiration_date");
    refused("year 292 million", d -> d.expiration = Instant.ofEpochMilli(Long.MAX_VALUE), "expiration_date");
    GroupUserSettings forever = new GroupUserSettings("", 0, 0, 0, Map.of(), 0, 0, Integer.MAX_VALUE, null, null);
    assertThatThrownBy(() -> groups.create(admin, new GroupInput("staff", "", forever, List.of())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("expires_in");
    UserDraft expired = new UserDraft("old", "pw-Secret-1", "/srv/old");
    expired.expiration = Instant.parse("2020-01-01T00:00:00Z"); // a past date is a valid expiry
    users.create(admin, expired.build());
  }

  private static UserFilters patterns(String dir, List<String> denied) {
    return new UserFilters(List.of(), List.of(), List.of(), List.of(), List.of(new PatternsFilter(dir, List.of(), denied, 0)),
        0, List.of(), false, "");
  }
}
