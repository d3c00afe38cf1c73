package ferry.core.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.account.UsageRepository;
import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import ferry.core.folder.StorageTarget;
import ferry.core.quota.QuotaService.Mode;
import ferry.core.session.SessionUser;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaServiceTest {
  private static final Actor ADMIN = Actor.system();
  private static final VfsProviders PROVIDERS = VfsProviders.discover(QuotaServiceTest.class.getClassLoader());

  @TempDir Path home;
  @TempDir Path shared;

  private final Usage usage = new Usage();
  private final List<Runnable> held = new ArrayList<>();

  /** Usage kept in maps, like the store's counters. */
  static final class Usage implements UsageRepository {
    final Map<String, UsageRepository.Usage> users = new ConcurrentHashMap<>();
    final Map<String, UsageRepository.Usage> folders = new ConcurrentHashMap<>();

    @Override
    public UsageRepository.Usage user(String username) {
      return users.getOrDefault(username, new UsageRepository.Usage(0, 0));
    }

    @Override
    public UsageRepository.Usage folder(String folderName) {
      return folders.getOrDefault(folderName, new UsageRepository.Usage(0, 0));
    }

    @Override
    public void addToUser(String username, long size, long files) {
      UsageRepository.Usage u = user(username);
      users.put(username, new UsageRepository.Usage(u.size() + size, u.files() + files));
    }

    @Override
    public void addToFolder(String folderName, long size, long files) {
      UsageRepository.Usage u = folder(folderName);
      folders.put(folderName, new UsageRepository.Usage(u.size() + size, u.files() + files));
    }

    @Override
    public void setUser(String username, long size, long files) {
      users.put(username, new UsageRepository.Usage(size, files));
    }

    @Override
    public void setFolder(String folderName, long size, long files) {
      folders.put(folderName, new UsageRepository.Usage(size, files));
    }
  }

  private QuotaService service() {
    return new QuotaService(this::user, new QuotaService.Folders() {
      @Override
      public boolean exists(String name) {
        return name.equals("shared");
      }

      @Override
      public Vfs open(String name) throws IOException {
        return PROVIDERS.open("local", Map.of("root", shared.toString()));
      }
    }, PROVIDERS, usage, held::add, Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC), () -> {});
  }

  private Optional<SessionUser> user(String name) {
    if (!name.equals("alice")) return Optional.empty();
    return Optional.of(new SessionUser("alice", Map.of("/", Set.of(Permission.ALL)), List.of(), 0, 0, 0, 0, 0, 0,
        List.of(new SessionUser.Mount("/", null, local(home), -1, -1),
            new SessionUser.Mount("/shared", "shared", local(shared), -1, 0))));
  }

  private static StorageTarget local(Path root) {
    return new StorageTarget("local", Map.of("root", root.toString()));
  }

  private void runHeld() {
    List<Runnable> now = List.copyOf(held);
    held.clear();
    now.forEach(Runnable::run);
  }

  @Test
  void aUserScanCountsItsHomeAndTheSizeOfFoldersInItsQuota() throws IOException {
    Files.createDirectories(home.resolve("a/b"));
    Files.write(home.resolve("top.bin"), new byte[100]);
    Files.write(home.resolve("a/b/deep.bin"), new byte[50]);
    Files.write(shared.resolve("s.bin"), new byte[7]);
    usage.setUser("alice", 999, 999);
    QuotaService q = service();

    q.startUserScan(ADMIN, "alice");
    assertThat(q.userScans(ADMIN)).extracting(QuotaService.Scan::name).containsExactly("alice");
    runHeld();

    // the folder counts in the user's size (-1) but not in its files (0)
    assertThat(usage.user("alice")).isEqualTo(new UsageRepository.Usage(157, 2));
    assertThat(q.userScans(ADMIN)).isEmpty();
  }

  @Test
  void aSecondScanWhileOneRunsIsAConflictAndSoIsAnUpdate() {
    QuotaService q = service();
    q.startUserScan(ADMIN, "alice");
    assertThatThrownBy(() -> q.startUserScan(ADMIN, "alice")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> q.updateUserUsage(ADMIN, "alice", 1, 1, Mode.ADD))
        .isInstanceOf(ConflictException.class);
    runHeld();
    q.startUserScan(ADMIN, "alice");
    runHeld();
  }

  @Test
  void aFolderScanCountsTheFolder() throws IOException {
    Files.write(shared.resolve("one"), new byte[10]);
    Files.write(shared.resolve("two"), new byte[20]);
    QuotaService q = service();
    q.startFolderScan(ADMIN, "shared");
    assertThat(q.folderScans(ADMIN)).extracting(QuotaService.Scan::name).containsExactly("shared");
    assertThatThrownBy(() -> q.startFolderScan(ADMIN, "shared")).isInstanceOf(ConflictException.class);
    runHeld();
    assertThat(usage.folder("shared")).isEqualTo(new UsageRepository.Usage(30, 2));
  }

  @Test
  void updatesAddOrReset() {
    QuotaService q = service();
    q.updateUserUsage(ADMIN, "alice", 100, 3, Mode.RESET);
    q.updateUserUsage(ADMIN, "alice", 10, 0, Mode.ADD);
    assertThat(usage.user("alice")).isEqualTo(new UsageRepository.Usage(110, 3));
    q.updateUserUsage(ADMIN, "alice", 5, 0, Mode.RESET);
    assertThat(usage.user("alice")).isEqualTo(new UsageRepository.Usage(5, 0));
    q.updateFolderUsage(ADMIN, "shared", 8, 1, Mode.ADD);
    q.updateFolderUsage(ADMIN, "shared", 8, 1, Mode.ADD);
    assertThat(usage.folder("shared")).isEqualTo(new UsageRepository.Usage(16, 2));
  }

  @Test
  void refusals() {
    QuotaService q = service();
    Actor user = new Actor("key:jobs", "127.0.0.1", Role.JOBS);
    assertThatThrownBy(() -> q.startUserScan(ADMIN, "nobody")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> q.startFolderScan(ADMIN, "nothing")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> q.updateUserUsage(ADMIN, "alice", -1, 0, Mode.RESET))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> q.startUserScan(user, "alice")).isInstanceOf(PermissionDeniedException.class);
    assertThat(held).isEmpty();
  }
}
