package ferry.core.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.ConflictException;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderServiceTest {
  private final Actor admin = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);
  private final MemoryFolders repo = new MemoryFolders();
  private final SecretCipher cipher = new SecretCipher(new byte[32]);
  private final FolderService service =
      new FolderService(repo, cipher, VfsProviders.discover(getClass().getClassLoader()),
          Path.of("/var/lib/ferry-test/data"), Clock.systemUTC());
  @TempDir Path dir;

  @Test
  void aLocalFolderOpensRootedAtItsMappedPath() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "hello");
    service.create(admin, new FolderService.FolderInput("disk", "d", dir.toString(), Map.of("provider", 0)));
    try (Vfs vfs = service.open("disk")) {
      assertThat(vfs.stat(VPath.of("/a.txt")).size()).isEqualTo(5);
    }
    assertThat(service.test(admin, "disk").ok()).isTrue();
  }

  @Test
  void plainSecretsAreSealedNeverShownAndKeptWhenRedacted() {
    Map<String, Object> fs = Map.of("provider", 1, "s3config", Map.of("bucket", "b", "access_key", "AK",
        "access_secret", Map.of("status", "Plain", "payload", "top-secret")));
    Folder created = service.create(admin, new FolderService.FolderInput("s3", null, null, fs));
    assertThat(created.filesystem().toString()).doesNotContain("top-secret").contains("AES-256-GCM");
    assertThat(repo.find("s3").orElseThrow().filesystem().toString()).doesNotContain("top-secret");
    assertThat(service.get(admin, "s3").filesystem().toString()).doesNotContain("top-secret").contains("payload=, key=, additional_data=, mode=0");
    FsMapping mapping = new FsMapping(new FolderSecrets(cipher));
    assertThat(mapping.target(repo.find("s3").orElseThrow()).settings()).containsEntry("access_secret", "top-secret");

    Map<String, Object> again = Map.of("provider", 1, "s3config", Map.of("bucket", "b2", "access_key", "AK",
        "access_secret", Map.of("status", "Redacted")));
    service.update(admin, "s3", new FolderService.FolderInput(null, null, null, again));
    assertThat(mapping.target(repo.find("s3").orElseThrow()).settings())
        .containsEntry("access_secret", "top-secret").containsEntry("bucket", "b2");
  }

  @Test
  void theS3ChecksumModeOfAFolderReachesItsBackend() {
    Map<String, Object> fs = Map.of("provider", 1, "s3config", Map.of("bucket", "b", "checksum_mode", "when_supported"));
    service.create(admin, new FolderService.FolderInput("minio", null, null, fs));
    FsMapping mapping = new FsMapping(new FolderSecrets(cipher));
    assertThat(mapping.target(repo.find("minio").orElseThrow()).settings()).containsEntry("checksum_mode", "when_supported");
  }

  @Test
  void invalidConfigsAreRefusedNamingTheField() {
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("x", null, "relative", Map.of("provider", 0))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("mapped_path");
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("x", null, null, Map.of("provider", 1, "s3config", Map.of()))))
        .hasMessageContaining("s3config.bucket");
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("x", null, null,
        Map.of("provider", 5, "sftpconfig", Map.of("username", "u", "endpoint", "host:99999")))))
        .hasMessageContaining("invalid port");
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("x", null, null, Map.of("provider", 3))))
        .hasMessageContaining("provider must be");
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("a/b", null, "/tmp", Map.of("provider", 0))))
        .hasMessageContaining("name must be");
  }

  @Test
  void unknownNamesAndNonAdminsAreRefused() {
    assertThatThrownBy(() -> service.open("nope")).isInstanceOf(NotFoundException.class).hasMessageContaining("nope");
    Actor jobs = new Actor("key:k", "127.0.0.1", Role.JOBS);
    assertThatThrownBy(() -> service.list(jobs)).isInstanceOf(PermissionDeniedException.class);
  }

  @Test
  void aTestOfAMissingDirectorySaysWhatFailed() {
    service.create(admin, new FolderService.FolderInput("gone", null, dir.resolve("missing").toString(), Map.of("provider", 0)));
    FolderService.TestResult r = service.test(admin, "gone");
    assertThat(r.ok()).isFalse();
    assertThat(r.message()).startsWith("gone: ").contains("failed");
  }

  static final class MemoryFolders implements FolderRepository {
    final Map<String, Folder> byName = new TreeMap<>();

    @Override
    public long insert(Folder f) {
      if (byName.containsKey(f.name())) throw new ConflictException("taken");
      byName.put(f.name(), f);
      return byName.size();
    }

    @Override
    public void update(Folder f) {
      byName.put(f.name(), f);
    }

    @Override
    public Optional<Folder> find(String name) {
      return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<Folder> list() {
      return List.copyOf(byName.values());
    }

    @Override
    public boolean delete(String name) {
      return byName.remove(name) != null;
    }
  }

  @Test
  void aLocalFolderInsideOrAroundTheDataDirIsRefused() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    FolderService guarded =
        new FolderService(repo, cipher, VfsProviders.discover(getClass().getClassLoader()), data, Clock.systemUTC());
    Path link = Files.createSymbolicLink(dir.resolve("link"), data);
    for (String mapped : List.of(data.toString(), data.resolve("db").toString(), dir.toString(), link.toString())) {
      assertThatThrownBy(() -> guarded.create(admin, new FolderService.FolderInput("f", null, mapped, Map.of("provider", 0))))
          .as(mapped)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("mapped_path")
          .hasMessageContaining("data directory");
    }
    guarded.create(admin, new FolderService.FolderInput("f", null, dir.resolve("files").toString(), Map.of("provider", 0)));
    assertThatThrownBy(() -> guarded.update(admin, "f", new FolderService.FolderInput(null, null, data.toString(), null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("data directory");
  }

  @Test
  void controlCharactersAndUnknownEnumValuesAreRefused() {
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("in\0box", null, "/tmp/x", Map.of("provider", 0))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("inbox\n", null, "/tmp/x", Map.of("provider", 0))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("control characters");
    Map<String, Object> ftp = Map.of("provider", 7, "ftpconfig", Map.of("endpoint", "ftp.example.com", "tls_mode", 9));
    assertThatThrownBy(() -> service.create(admin, new FolderService.FolderInput("ftp", null, null, ftp)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tls_mode");
    assertThat(repo.list()).isEmpty();
  }
}
