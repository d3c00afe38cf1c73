package ferry.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.LoginUser;
import ferry.core.account.PasswordHasher;
import ferry.core.account.Permission;
import ferry.core.account.UserDirectory;
import ferry.core.auth.Actor;
import ferry.core.auth.Defender;
import ferry.core.auth.PasswordChecks;
import ferry.core.auth.Role;
import ferry.core.error.AuthenticationException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import ferry.core.folder.StorageTarget;
import ferry.core.session.Connections;
import ferry.core.session.FileSessions;
import ferry.core.session.SessionUser;
import ferry.core.session.TransferLog;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.MemoryVfs;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import ferry.vfs.VfsProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShareServiceTest {
  private static final Actor ALICE = new Actor("user:alice", "10.0.0.1", Role.USER);
  private static final String IP = "10.1.2.3";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final MemoryShares repo = new MemoryShares();
  private final List<TransferRecord> records = new CopyOnWriteArrayList<>();
  private final Connections connections = new Connections();
  private final List<String> defenderEvents = new CopyOnWriteArrayList<>();
  private final PasswordChecks checks = new PasswordChecks(2, 8);
  private final ShareService shares = new ShareService(repo, new Users(), sessions(), new PasswordHasher(), checks,
      new RecordingDefender(), clock);

  @AfterEach
  void stop() {
    checks.close();
  }

  @Test
  void ownersSeeOnlyTheirOwnShares() {
    Share a = shares.create(ALICE, "alice", input(1, List.of("/docs"), null, 0, List.of()));
    assertThat(a.id()).hasSize(22);
    assertThat(shares.get("alice", a.id())).isEqualTo(a);
    assertThatThrownBy(() -> shares.get("bob", a.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> shares.update(ALICE, "bob", a.id(), input(1, List.of("/"), null, 0, List.of())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> shares.delete(ALICE, "bob", a.id())).isInstanceOf(NotFoundException.class);
    assertThat(shares.list("bob", 0, 10, true)).isEmpty();
    assertThat(shares.list("alice", 0, 10, true)).containsExactly(a);
    shares.delete(ALICE, "alice", a.id());
    assertThat(shares.list("alice", 0, 10, true)).isEmpty();
  }

  @Test
  void inputIsCheckedAndNormalised() {
    assertThatThrownBy(() -> shares.create(ALICE, "alice", input(2, List.of("/a", "/b"), null, 0, List.of())))
        .isInstanceOf(ValidationException.class).hasMessageContaining("exactly one directory");
    assertThatThrownBy(() -> shares.create(ALICE, "alice", input(4, List.of("/a"), null, 0, List.of())))
        .isInstanceOf(ValidationException.class).hasMessageContaining("scope");
    assertThatThrownBy(() -> shares.create(ALICE, "alice", input(1, List.of("/a/../../etc"), null, 0, List.of())))
        .isInstanceOf(ValidationException.class).hasMessageContaining("..");
    assertThatThrownBy(() -> shares.create(ALICE, "alice", input(1, List.of(), null, 0, List.of())))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> shares.create(ALICE, "alice", input(1, List.of("/a"), null, 0, List.of("10.0.0.0/33"))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("allow_from");
    assertThatThrownBy(() -> shares.create(ALICE, "alice", input(1, List.of("/a"), null, -1, List.of())))
        .isInstanceOf(ValidationException.class).hasMessageContaining("max_tokens");
    assertThatThrownBy(() -> shares.create(ALICE, "alice",
        new ShareInput("n", "", 1, List.of("/a"), clock.instant().minusSeconds(1), null, 0, List.of())))
        .isInstanceOf(ValidationException.class).hasMessageContaining("future");
    Share s = shares.create(ALICE, "alice", input(1, List.of("a//b/./c/", "/a/b/c"), null, 0, List.of("10.1.0.0/16")));
    assertThat(s.paths()).containsExactly("/a/b/c");
    assertThat(s.allowFrom()).containsExactly("10.1.0.0/16");
  }

  @Test
  void passwordsAreStoredHashedAndKeptOnUpdateWithThePlaceholder() {
    Share s = shares.create(ALICE, "alice", input(1, List.of("/"), "s3cret", 0, List.of()));
    assertThat(s.passwordHash()).startsWith("$argon2id$").doesNotContain("s3cret");
    Share kept = shares.update(ALICE, "alice", s.id(), input(1, List.of("/"), ShareInput.KEEP_PASSWORD, 0, List.of()));
    assertThat(kept.passwordHash()).isEqualTo(s.passwordHash());
    Share cleared = shares.update(ALICE, "alice", s.id(), input(1, List.of("/"), "", 0, List.of()));
    assertThat(cleared.hasPassword()).isFalse();
  }

  @Test
  void aVisitRunsAsTheOwnerOverHttpShareAndUsesAToken() {
    Share s = shares.create(ALICE, "alice", input(1, List.of("/"), null, 0, List.of()));
    try (ShareVisit v = shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, null)) {
      assertThat(v.session().user().username()).isEqualTo("alice");
      assertThat(v.session().protocol()).isEqualTo("HTTPShare");
      assertThat(v.session().remoteAddr()).isEqualTo(IP);
    }
    try (ShareVisit v = shares.visit(s.id(), ShareService.Access.BROWSE, IP, null)) {
      assertThat(v.share().id()).isEqualTo(s.id());
    }
    Share after = repo.find(s.id()).orElseThrow();
    assertThat(after.usedTokens()).isEqualTo(1); // browsing is free
    assertThat(after.lastUseAt()).isEqualTo(clock.instant());
    assertThat(connections.list()).isEmpty();
  }

  @Test
  void theScopeDecidesWhatAVisitMayDo() {
    Share read = shares.create(ALICE, "alice", input(1, List.of("/"), null, 0, List.of()));
    Share write = shares.create(ALICE, "alice", input(2, List.of("/in"), null, 0, List.of()));
    Share both = shares.create(ALICE, "alice", input(3, List.of("/in"), null, 0, List.of()));
    assertThatThrownBy(() -> shares.visit(read.id(), ShareService.Access.UPLOAD, IP, null))
        .isInstanceOf(PermissionDeniedException.class).hasMessageContaining("scope");
    assertThatThrownBy(() -> shares.visit(write.id(), ShareService.Access.DOWNLOAD, IP, null))
        .isInstanceOf(PermissionDeniedException.class);
    assertThatThrownBy(() -> shares.visit(write.id(), ShareService.Access.BROWSE, IP, null))
        .isInstanceOf(PermissionDeniedException.class);
    shares.visit(write.id(), ShareService.Access.UPLOAD, IP, null).close();
    shares.visit(both.id(), ShareService.Access.UPLOAD, IP, null).close();
    shares.visit(both.id(), ShareService.Access.DOWNLOAD, IP, null).close();
  }

  @Test
  void aLookSeesAnyScopeWithoutAToken() {
    Share write = shares.create(ALICE, "alice", input(2, List.of("/in"), null, 1, List.of()));
    try (ShareVisit v = shares.visit(write.id(), ShareService.Access.LOOK, IP, null)) {
      assertThat(v.share().scope()).isEqualTo(ShareScope.WRITE);
    }
    assertThat(repo.find(write.id()).orElseThrow().usedTokens()).isZero();
  }

  @Test
  void anUploadStartedOnTheLastTokenMayFinish() {
    Share s = shares.create(ALICE, "alice", input(2, List.of("/in"), null, 1, List.of()));
    shares.visit(s.id(), ShareService.Access.UPLOAD, IP, null).close();
    assertThatThrownBy(() -> shares.visit(s.id(), ShareService.Access.UPLOAD, IP, null))
        .isInstanceOf(NotFoundException.class);
    shares.visit(s.id(), ShareService.Access.FINISH_UPLOAD, IP, null).close();
    assertThat(repo.find(s.id()).orElseThrow().usedTokens()).isEqualTo(1);
    Share read = shares.create(ALICE, "alice", input(1, List.of("/in"), null, 0, List.of()));
    assertThatThrownBy(() -> shares.visit(read.id(), ShareService.Access.FINISH_UPLOAD, IP, null))
        .isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void expiredSharesAreGone() {
    Share s = shares.create(ALICE, "alice",
        new ShareInput("n", "", 1, List.of("/"), clock.instant().plusSeconds(60), null, 0, List.of()));
    shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, null).close();
    clock.advance(Duration.ofSeconds(60));
    assertThatThrownBy(() -> shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, null))
        .isInstanceOf(NotFoundException.class).hasMessage("share expired");
  }

  @Test
  void maxTokensHoldUnderConcurrentVisits() throws Exception {
    Share s = shares.create(ALICE, "alice", input(1, List.of("/"), null, 5, List.of()));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Callable<Boolean>> visits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      visits.add(() -> {
        try (ShareVisit v = shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, null)) {
          return true;
        } catch (NotFoundException e) {
          return false;
        }
      });
    }
    int admitted = 0;
    for (Future<Boolean> f : pool.invokeAll(visits)) if (f.get()) admitted++;
    pool.shutdown();
    assertThat(admitted).isEqualTo(5);
    assertThat(repo.find(s.id()).orElseThrow().usedTokens()).isEqualTo(5);
    assertThatThrownBy(() -> shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, null))
        .isInstanceOf(NotFoundException.class).hasMessage("max share usage exceeded");
    assertThat(connections.list()).isEmpty();
  }

  @Test
  void onlyTheAllowedNetworksGetIn() {
    Share s = shares.create(ALICE, "alice", input(1, List.of("/"), null, 0, List.of("10.1.0.0/16", "2001:db8::/32")));
    shares.visit(s.id(), ShareService.Access.DOWNLOAD, "10.1.200.9", null).close();
    shares.visit(s.id(), ShareService.Access.DOWNLOAD, "2001:db8::7", null).close();
    assertThatThrownBy(() -> shares.visit(s.id(), ShareService.Access.DOWNLOAD, "10.2.0.1", null))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(repo.find(s.id()).orElseThrow().usedTokens()).isEqualTo(2);
  }

  @Test
  void aWrongPasswordIsRefusedAndScoredAtTheDefender() {
    Share s = shares.create(ALICE, "alice", input(1, List.of("/"), "s3cret", 0, List.of()));
    assertThatThrownBy(() -> shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, null))
        .isInstanceOf(AuthenticationException.class);
    assertThat(defenderEvents).isEmpty();
    assertThatThrownBy(() -> shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, "wrong"))
        .isInstanceOf(AuthenticationException.class);
    assertThat(defenderEvents).containsExactly(IP + " LOGIN_FAILED");
    shares.visit(s.id(), ShareService.Access.DOWNLOAD, IP, "s3cret").close();
    assertThat(repo.find(s.id()).orElseThrow().usedTokens()).isEqualTo(1);
  }

  @Test
  void unknownIdsAreNotFound() {
    assertThatThrownBy(() -> shares.visit("nope", ShareService.Access.DOWNLOAD, IP, null))
        .isInstanceOf(NotFoundException.class);
  }

  private static ShareInput input(int scope, List<String> paths, String password, int max, List<String> nets) {
    return new ShareInput("share", "d", scope, paths, null, password, max, nets);
  }

  private FileSessions sessions() {
    MemoryVfs home = new MemoryVfs("home", Clock.systemUTC());
    VfsProvider mem = new VfsProvider() {
      @Override
      public String type() {
        return "mem";
      }

      @Override
      public Vfs create(Map<String, String> settings) {
        return home;
      }
    };
    return new FileSessions(new VfsProviders(List.of(mem)), new NoUsage(), new TransferLog(records::add),
        connections, Clock.systemUTC());
  }

  /** alice, with all permissions on an in-memory home. */
  private static final class Users implements UserDirectory {
    @Override
    public Optional<LoginUser> findLoginUser(String username) {
      if (!username.equals("alice")) return Optional.empty();
      SessionUser s = new SessionUser("alice", Map.of("/", Set.of(Permission.ALL)), List.of(), 0, 0, 0, 0, 0, 0,
          List.of(new SessionUser.Mount("/", null, new StorageTarget("mem", Map.of()), 0, 0)));
      return Optional.of(new LoginUser(s, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    }

    @Override
    public boolean checkPassword(LoginUser user, String password) {
      return false;
    }

    @Override
    public boolean allowsAddress(LoginUser user, String ip) {
      return true;
    }

    @Override
    public void loggedIn(String username) {}
  }

  private final class RecordingDefender implements Defender {
    @Override
    public boolean isBanned(String ip) {
      return false;
    }

    @Override
    public void record(String ip, Event event) {
      defenderEvents.add(ip + " " + event);
    }

    @Override
    public Optional<Lease> admit(String ip) {
      return Optional.of(() -> {});
    }

    @Override
    public Registration onBan(BanListener listener) {
      return () -> {};
    }

    @Override
    public List<Ban> bans() {
      return List.of();
    }

    @Override
    public boolean unban(String ip) {
      return false;
    }
  }

  private static final class NoUsage implements ferry.core.account.UsageRepository {
    @Override
    public void addToUser(String username, long bytes, long files) {}

    @Override
    public void addToFolder(String folder, long bytes, long files) {}

    @Override
    public void setUser(String username, long size, long files) {}

    @Override
    public void setFolder(String folderName, long size, long files) {}

    @Override
    public Usage user(String username) {
      return new Usage(0, 0);
    }

    @Override
    public Usage folder(String folder) {
      return new Usage(0, 0);
    }
  }

  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
