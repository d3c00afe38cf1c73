package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.folder.Filesystems;
import ferry.core.secret.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginCacheTest {
  final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);
  final MemoryAccounts db = new MemoryAccounts();
  final Filesystems filesystems = new Filesystems(new SecretCipher(new byte[32]), UserServiceTest.DATA_DIR);
  final Clock clock = Clock.fixed(UserServiceTest.NOW, ZoneOffset.UTC);

  UserService usersWith(LoginCache logins) {
    return new UserService(logins.watching(db.userRepo), logins.watching(db.groupRepo),
        logins.watching(db.folderRepo), filesystems, new PasswordHasher(), clock, () -> {}, logins);
  }

  @Test
  void aChangeOnThisNodeIsSeenAtOnceAndAnotherNodesWithinTheTtl() {
    LoginCache logins = new LoginCache(Duration.ofHours(1)); // a TTL no test outlives
    UserService users = usersWith(logins);
    users.create(admin, new UserDraft("alice", "s3cret-Pw", "/srv/alice").build());
    assertThat(users.findLoginUser("alice")).isPresent();
    assertThat(users.findLoginUser("alice").isPresent()).isTrue();

    // another node deletes alice straight in the shared database: this node sees it only after the TTL
    db.userRepo.delete("alice");
    assertThat(users.findLoginUser("alice")).isPresent();

    // a change through this node's (watched) repositories drops the cached logins at once
    users.create(admin, new UserDraft("alice", "s3cret-Pw", "/srv/alice").build());
    assertThat(users.findLoginUser("alice")).isPresent();
    users.delete(admin, "alice");
    assertThat(users.findLoginUser("alice")).isEmpty();
    assertThat(users.findLoginUser("alice").isPresent()).isFalse();
  }

  @Test
  void aDisabledCacheReadsTheDatabaseEachTime() {
    UserService users = usersWith(LoginCache.disabled());
    users.create(admin, new UserDraft("alice", "s3cret-Pw", "/srv/alice").build());
    assertThat(users.findLoginUser("alice")).isPresent();
    db.userRepo.delete("alice");
    assertThat(users.findLoginUser("alice")).isEmpty();
    assertThat(users.findLoginUser("alice").isPresent()).isFalse();
  }
}
