package ferry.core.folder;

import static java.util.Objects.requireNonNull;

import ferry.core.Validation;
import ferry.core.auth.Actor;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import ferry.core.secret.SecretCipher;
import ferry.vfs.DirLister;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The VFS Library: named storage endpoints that scripts open and users mount. */
public final class FolderService {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final FolderRepository repo;
  private final FolderSecrets secrets;
  private final FsMapping mapping;
  private final VfsProviders providers;
  private final DataDirGuard dataDir;
  private final Clock clock;
  private final Runnable settleUsage;

  /** With the server's {@code dataDir}, which no local folder may contain or lie inside. */
  public FolderService(FolderRepository repo, SecretCipher cipher, VfsProviders providers, Path dataDir, Clock clock) {
    this(repo, cipher, providers, dataDir, clock, () -> {});
  }

  /**
   * With {@code settleUsage} run before each read, so that quota usage charged in the background
   * (see {@code ferry.core.session.DeferredWriter}) is in the answer.
   */
  public FolderService(FolderRepository repo, SecretCipher cipher, VfsProviders providers, Path dataDir, Clock clock,
      Runnable settleUsage) {
    this.settleUsage = requireNonNull(settleUsage, "No settle hook");
    this.repo = requireNonNull(repo, "No folder repository");
    this.dataDir = new DataDirGuard(dataDir);
    this.secrets = new FolderSecrets(requireNonNull(cipher, "No cipher"));
    this.mapping = new FsMapping(secrets);
    this.providers = requireNonNull(providers, "No vfs providers");
    this.clock = requireNonNull(clock, "No clock");
  }

  /** What an admin sends: the reference API's BaseVirtualFolder fields Ferry keeps. */
  public record FolderInput(String name, String description, String mappedPath, Map<String, Object> filesystem) {}

  public Folder create(Actor actor, FolderInput in) {
    actor.requireAdmin("manage the VFS Library");
    String name = in.name() == null ? "" : Validation.noControlCharacters("name", in.name()).trim();
    if (!NAME.matcher(name).matches())
      throw new ValidationException("name must be 1-100 letters, digits, '.', '_' or '-' starting with a letter or digit, got '" + name + "'");
    Map<String, Object> fs = in.filesystem() == null ? Map.of("provider", 0) : in.filesystem();
    validate(fs, in.mappedPath());
    Instant now = clock.instant();
    Folder f = new Folder(0, name, orEmpty(in.description()), orEmpty(in.mappedPath()), secrets.seal(fs, null), now, now);
    long id = repo.insert(f);
    return redacted(new Folder(id, f.name(), f.description(), f.mappedPath(), f.filesystem(), now, now));
  }

  /** Replaces a folder's description, mapped path and filesystem; secrets sent as Redacted are kept. */
  public Folder update(Actor actor, String name, FolderInput in) {
    actor.requireAdmin("manage the VFS Library");
    Folder old = stored(name);
    if (in.name() != null && !in.name().equals(old.name()))
      throw new ValidationException("a folder cannot be renamed (name '" + old.name() + "' in the path, '" + in.name() + "' in the body)");
    Map<String, Object> fs = in.filesystem() == null ? old.filesystem() : in.filesystem();
    String mapped = in.mappedPath() == null ? old.mappedPath() : in.mappedPath();
    validate(fs, mapped);
    Folder f = new Folder(old.id(), old.name(), in.description() == null ? old.description() : in.description(),
        mapped, secrets.seal(fs, old.filesystem()), old.createdAt(), clock.instant());
    repo.update(f);
    return redacted(f);
  }

  /** The folder, its secrets redacted. */
  public Folder get(Actor actor, String name) {
    actor.requireAdmin("manage the VFS Library");
    settleUsage.run();
    return redacted(stored(name));
  }

  public List<Folder> list(Actor actor) {
    actor.requireAdmin("manage the VFS Library");
    settleUsage.run();
    return repo.list().stream().map(this::redacted).toList();
  }

  /** Usage and users of a folder. */
  public FolderStats stats(Actor actor, String name) {
    actor.requireAdmin("manage the VFS Library");
    stored(name);
    return repo.stats(name);
  }

  /** Refuses while users or groups map the folder ({@link ferry.core.error.ConflictException}). */
  public void delete(Actor actor, String name) {
    actor.requireAdmin("manage the VFS Library");
    if (!repo.delete(name)) throw new NotFoundException("no folder named '" + name + "' in the VFS Library");
  }

  /**
   * Opens the storage of a folder; the caller closes it.
   *
   * @throws NotFoundException for an unknown name
   * @throws IOException when the endpoint cannot be reached or refuses the login
   */
  public Vfs open(String name) throws IOException {
    StorageTarget t = mapping.target(stored(name));
    try {
      return providers.open(t.type(), t.settings());
    } catch (IllegalArgumentException e) {
      throw new IOException(name + ": invalid configuration: " + e.getMessage(), e);
    }
  }

  /**
   * The storage type and settings of a folder with its secrets in clear, for a scheduled job's
   * agent, which connects to the folder itself (over its authenticated TLS channel).
   *
   * @throws NotFoundException for an unknown name
   */
  public StorageTarget endpoint(String name) {
    return mapping.target(stored(name));
  }

  /** Connects to the folder's storage and lists its root, saying exactly what failed. */
  public TestResult test(Actor actor, String name) {
    actor.requireAdmin("manage the VFS Library");
    stored(name);
    String stage = "connect";
    try (Vfs vfs = open(name)) {
      stage = "list /";
      try (DirLister l = vfs.list(VPath.ROOT)) {
        int n = l.next(100).size();
        return new TestResult(true, name + ": connected and listed / (" + n + (n == 100 ? "+" : "") + " entries)");
      }
    } catch (IOException | RuntimeException e) {
      return new TestResult(false, name + ": " + stage + " failed: " + Problems.describe(e));
    }
  }

  private void validate(Map<String, Object> fs, String mappedPath) {
    FsMapping.validate(fs, mappedPath);
    if (FsMapping.provider(fs) == FsMapping.LOCAL) {
      dataDir.requireApart("mapped_path", mappedPath);
    }
  }

  /** The outcome of {@link #test}. */
  public record TestResult(boolean ok, String message) {}

  private Folder stored(String name) {
    return repo.find(name).orElseThrow(() -> new NotFoundException("no folder named '" + name + "' in the VFS Library"));
  }

  private Folder redacted(Folder f) {
    return new Folder(f.id(), f.name(), f.description(), f.mappedPath(), secrets.redact(f.filesystem()),
        f.createdAt(), f.updatedAt());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
