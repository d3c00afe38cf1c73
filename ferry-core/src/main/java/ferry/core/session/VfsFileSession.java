package ferry.core.session;

import static ferry.core.session.VirtualErrors.on;
import static java.util.Objects.requireNonNull;

import ferry.core.Validation;
import ferry.core.account.Permission;
import ferry.core.account.UsageRepository;
import ferry.core.error.QuotaExceededException;
import ferry.core.session.MountTable.Resolved;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.Capability;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import ferry.vfs.VfsProviders;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link FileSession} over the user's mounts, each a {@link Vfs} opened on first use. */
final class VfsFileSession implements FileSession {
  private static final Logger LOG = LoggerFactory.getLogger(VfsFileSession.class);

  private final String id;
  private final SessionUser user;
  private final String protocol;
  private final String remoteAddr;
  private final Instant startedAt;
  private final Clock clock;
  private final MountTable mounts;
  private final AccessRules rules;
  private final UsageRepository usage;
  private final TransferLog transferLog;
  private final Connections connections;
  private final OpenUploads openUploads;
  private final boolean waitsOnlyOnLocalDisk;
  private final Set<SessionTransfer> open = ConcurrentHashMap.newKeySet();
  /** When the client last asked for something (epoch millis), for the live list. */
  private volatile long lastRequestAt;
  private volatile boolean closed;
  private volatile String endCause;

  private static final DirLister EMPTY =
      new DirLister() {
        @Override
        public List<FileAttrs> next(int max) {
          return List.of();
        }

        @Override
        public void close() {}
      };

  VfsFileSession(
      String id,
      SessionUser user,
      String protocol,
      String remoteAddr,
      VfsProviders providers,
      UsageRepository usage,
      TransferLog transferLog,
      Connections connections,
      OpenUploads openUploads,
      Clock clock) {
    this.openUploads = openUploads;
    this.id = id;
    this.user = user;
    this.protocol = protocol;
    this.remoteAddr = remoteAddr;
    this.clock = clock;
    this.startedAt = clock.instant();
    this.lastRequestAt = startedAt.toEpochMilli();
    this.mounts = new MountTable(user.mounts(), providers);
    this.rules = new AccessRules(user);
    this.usage = usage;
    this.transferLog = transferLog;
    this.connections = connections;
    this.waitsOnlyOnLocalDisk =
        user.uploadBandwidth() <= 0
            && user.downloadBandwidth() <= 0
            && user.mounts().stream()
                .allMatch(
                    m -> !new QuotaScope(user, m, usage).limitsUploads()
                        && providers.find(m.storage().type()).map(VfsProvider::onLocalDisk).orElse(false));
  }

  @Override
  public boolean waitsOnlyOnLocalDisk() {
    return waitsOnlyOnLocalDisk;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SessionUser user() {
    return user;
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public String remoteAddr() {
    return remoteAddr;
  }

  Clock clock() {
    return clock;
  }

  TransferLog transferLog() {
    return transferLog;
  }

  OpenUploads openUploads() {
    return openUploads;
  }

  ConnectionInfo info() {
    List<ActiveTransfer> transfers = open.stream().map(SessionTransfer::active).toList();
    long last = lastRequestAt;
    for (ActiveTransfer t : transfers) last = Math.max(last, t.lastMovedAt().toEpochMilli());
    return new ConnectionInfo(id, user.username(), protocol, remoteAddr, startedAt, transfers,
        Instant.ofEpochMilli(last));
  }

  /** Notes a request of the client now (the live list's last activity). */
  private void touch() {
    lastRequestAt = clock.millis();
  }

  /** Names why this session is about to end (an admin, a shutdown), for transfers it cuts short. */
  void ending(String cause) {
    if (endCause == null) {
      endCause = cause;
    }
  }

  Optional<String> endCause() {
    return Optional.ofNullable(endCause);
  }

  void forget(SessionTransfer t) {
    open.remove(t);
  }

  @Override
  public String normalize(String path) {
    return VPath.of(path).toString();
  }

  private VPath vpath(String path) throws IOException {
    if (closed) {
      throw new IOException("session closed");
    }
    try {
      return VPath.of(path);
    } catch (IllegalArgumentException e) {
      throw new AccessDeniedException(path.replace('\0', '?'), null, "invalid path");
    }
  }

  @Override
  public FileAttrs stat(String path) throws IOException {
    touch();
    VPath v = vpath(path);
    if (rules.hidden(v)) {
      throw new NoSuchFileException(v.toString());
    }
    Resolved r = mounts.resolve(v);
    if (mounts.isMountPoint(v)) {
      return FileAttrs.dir(v.name(), on(v, () -> r.mount().vfs().stat(VPath.ROOT)).modified());
    }
    if (mounts.isVirtualDir(v)) {
      Optional<FileAttrs> real = on(v, () -> r.mount().vfs().find(r.path()));
      Instant modified = real.filter(FileAttrs::isDir).map(FileAttrs::modified).orElse(startedAt);
      return FileAttrs.dir(v.name(), modified);
    }
    return named(on(v, () -> r.mount().vfs().stat(r.path())), v.name());
  }

  private static FileAttrs named(FileAttrs a, String name) {
    return a.name().equals(name) ? a : new FileAttrs(name, a.size(), a.modified(), a.isDir());
  }

  @Override
  public DirLister list(String dir) throws IOException {
    touch();
    VPath d = vpath(dir);
    rules.require(Permission.LIST, d, d);
    if (rules.hidden(d)) {
      throw new NoSuchFileException(d.toString());
    }
    Set<String> virtual = mounts.childDirs(d);
    Resolved r = mounts.resolve(d);
    DirLister backend;
    try {
      backend = on(d, () -> r.mount().vfs().list(r.path()));
    } catch (NoSuchFileException e) {
      if (!mounts.isVirtualDir(d)) {
        throw e;
      }
      backend = EMPTY;
    }
    List<FileAttrs> virtualEntries =
        virtual.stream().map(name -> FileAttrs.dir(name, startedAt)).toList();
    return new MergedLister(d, virtualEntries, backend, rules);
  }

  @Override
  public List<String> listNames(String dir) throws IOException {
    touch();
    VPath d = vpath(dir);
    rules.require(Permission.LIST, d, d);
    if (rules.hidden(d)) {
      throw new NoSuchFileException(d.toString());
    }
    Set<String> virtual = mounts.childDirs(d);
    Resolved r = mounts.resolve(d);
    List<String> backend;
    try {
      backend = on(d, () -> r.mount().vfs().listNames(r.path()));
    } catch (NoSuchFileException e) {
      if (!mounts.isVirtualDir(d)) {
        throw e;
      }
      backend = List.of();
    }
    List<String> names = new ArrayList<>(virtual);
    for (String n : backend) {
      if (MergedLister.shows(n, virtual, d, rules)) names.add(n);
    }
    return names;
  }

  @Override
  public Download download(String path) throws IOException {
    touch();
    return Refusals.transfer(this, TransferRecord.DOWNLOAD, path, () -> startDownload(path, 0, -1));
  }

  @Override
  public Download download(String path, long offset, long length) throws IOException {
    touch();
    if (offset < 0 || length < 1) {
      throw new IllegalArgumentException("invalid byte range: offset " + offset + ", length " + length);
    }
    return Refusals.transfer(this, TransferRecord.DOWNLOAD, path, () -> startDownload(path, offset, length));
  }

  /** Starts a download of {@code length} bytes at {@code offset}; a length of -1 is the whole file. */
  private Download startDownload(String path, long offset, long length) throws IOException {
    VPath v = vpath(path);
    if (v.isRoot() || mounts.isVirtualDir(v)) {
      throw new FileSystemException(v.toString(), null, "is a directory");
    }
    rules.require(Permission.DOWNLOAD, v.parentOrRoot(), v);
    rules.requireAllowed(v);
    Resolved r = mounts.resolve(v);
    FileAttrs a = on(v, () -> r.mount().vfs().stat(r.path()));
    if (a.isDir()) {
      throw new FileSystemException(v.toString(), null, "is a directory");
    }
    long end = Long.MAX_VALUE;
    if (length >= 0) {
      if (offset >= a.size()) {
        throw new RangeNotSatisfiableException(v.toString(), offset, a.size());
      }
      end = length > a.size() - offset ? a.size() : offset + length;
    }
    SessionDownload d = new SessionDownload(
        this, v, r.mount(), r.path(), a.size(), offset, end, Pacer.of(user.downloadBandwidth()));
    track(d);
    return d;
  }

  @Override
  public Upload upload(String path, UploadMode mode) throws IOException {
    touch();
    requireNonNull(mode, "No upload mode");
    return Refusals.transfer(this, TransferRecord.UPLOAD, path, () -> startUpload(path, mode));
  }

  @Override
  public void checkUpload(String path, long size) throws IOException {
    Refusals.transfer(this, TransferRecord.UPLOAD, path, () -> {
      Target t = uploadTarget(path);
      Optional<FileAttrs> existing = t.existing();
      if (existing.isPresent()) {
        rules.require(Permission.OVERWRITE, t.path().parentOrRoot(), t.path());
      }
      QuotaScope quota = new QuotaScope(user, t.resolved().mount().mount(), usage);
      long oldSize = existing.map(FileAttrs::size).orElse(0L);
      long maxSize = quota.startUpload(t.path().toString(), existing.isEmpty(), oldSize);
      if (size > maxSize) {
        throw new QuotaExceededException(quota.overrun(t.path().toString(), maxSize));
      }
      return null;
    });
  }

  /** Where an upload goes, with the file there now. */
  private record Target(VPath path, Resolved resolved, Optional<FileAttrs> existing) {}

  /** The checks every upload runs first: a file path, a clean allowed name, {@code upload}, no directory there. */
  private Target uploadTarget(String path) throws IOException {
    VPath v = vpath(path);
    if (v.isRoot() || mounts.isVirtualDir(v)) {
      throw new FileSystemException(v.toString(), null, "is a directory");
    }
    requireCleanName(v);
    rules.require(Permission.UPLOAD, v.parentOrRoot(), v);
    rules.requireAllowed(v);
    Resolved r = mounts.resolve(v);
    Optional<FileAttrs> existing = on(v, () -> r.mount().vfs().find(r.path()));
    if (existing.isPresent() && existing.get().isDir()) {
      throw new FileSystemException(v.toString(), null, "is a directory");
    }
    return new Target(v, r, existing);
  }

  /**
   * The one place that decides what an upload does with an existing file (issue 12): the checks
   * every mode shares, then the mode's own, then the backend write options.
   */
  private Upload startUpload(String path, UploadMode mode) throws IOException {
    Target t = uploadTarget(path);
    VPath v = t.path();
    VPath parent = v.parentOrRoot();
    Resolved r = t.resolved();
    Vfs vfs = r.mount().vfs();
    Optional<FileAttrs> existing = t.existing();
    long oldSize = existing.map(FileAttrs::size).orElse(0L);
    boolean resume = appends(mode, v, existing.isPresent(), oldSize);
    if (existing.isPresent()) {
      rules.require(Permission.OVERWRITE, parent, v);
    }
    if (mode instanceof UploadMode.Open && oldSize > 0) {
      // The first write says whether this resumes or rewrites the file; until then nothing changes.
      return new PendingUpload(this, v.toString(), oldSize);
    }
    if (resume && !vfs.supports(Capability.RESUME_UPLOAD)) {
      throw new AccessDeniedException(
          v.toString(), null, "resuming uploads is not supported by the storage of " + r.mount().label());
    }
    QuotaScope quota = new QuotaScope(user, r.mount().mount(), usage);
    long maxSize = quota.startUpload(v.toString(), existing.isEmpty(), oldSize);
    WriteOptions options =
        resume ? WriteOptions.append() : existing.isEmpty() ? WriteOptions.createNew() : WriteOptions.replace();
    ferry.vfs.Upload up = on(v, () -> vfs.openWrite(r.path(), options));
    SessionUpload.Plan plan =
        new SessionUpload.Plan(quota, existing.isEmpty(), oldSize, maxSize, resume, Pacer.of(user.uploadBandwidth()),
            r.path().toString());
    SessionUpload u = new SessionUpload(this, v, r.mount(), up, plan);
    track(u);
    return u;
  }

  /**
   * The checks of the mode itself, on the file as it is now: true when the upload continues it.
   *
   * @param exists whether a file (not a directory) is at the path
   * @param size its size, 0 when it does not exist
   */
  private static boolean appends(UploadMode mode, VPath v, boolean exists, long size) throws IOException {
    return switch (mode) {
      case UploadMode.Replace m -> false;
      case UploadMode.CreateNew m -> {
        if (exists) {
          throw new FileAlreadyExistsException(v.toString());
        }
        yield false;
      }
      case UploadMode.MustExist m -> {
        if (!exists) {
          throw new NoSuchFileException(v.toString());
        }
        yield false;
      }
      case UploadMode.Resume m -> {
        long offset = m.atEnd() ? size : m.offset();
        if (offset != 0 && offset != size) {
          throw new UploadOffsetException(v.toString(), m.offset(), size);
        }
        yield offset > 0; // continuing a missing or empty file is a plain upload, which every storage can do
      }
      case UploadMode.Open m -> {
        if (!exists && !m.create()) {
          throw new NoSuchFileException(v.toString());
        }
        yield false;
      }
    };
  }

  /**
   * Refuses a new name holding a control character (a newline or an escape would forge lines in
   * listings and logs and confuse terminals; issue 10). Existing names stay readable.
   */
  private static void requireCleanName(VPath v) throws AccessDeniedException {
    if (Validation.firstControlCharacter(v.name()) >= 0) {
      throw new AccessDeniedException(
          v.toString().replaceAll("[\\x00-\\x1f\\x7f-\\x9f]", "?"), null, "invalid file name: control characters are not allowed");
    }
  }

  private void track(SessionTransfer t) {
    open.add(t);
    if (closed) {
      t.sessionClosed();
    }
  }

  /** "home" or the virtual folder that serves {@code path}; the home for a path that is not valid. */
  String labelOf(String path) {
    VPath v;
    try {
      v = VPath.of(path);
    } catch (IllegalArgumentException e) {
      v = VPath.ROOT;
    }
    return mounts.resolve(v).mount().label();
  }

  @Override
  public void mkdir(String dir) throws IOException {
    touch();
    Refusals.operation(this, "mkdir", dir, null, () -> makeDir(dir));
  }

  private void makeDir(String dir) throws IOException {
    VPath v = vpath(dir);
    if (v.isRoot() || mounts.isVirtualDir(v)) {
      throw new FileAlreadyExistsException(v.toString());
    }
    VPath parent = v.parentOrRoot();
    requireCleanName(v);
    rules.require(Permission.CREATE_DIRS, parent, v);
    rules.requireAllowed(v);
    Resolved r = mounts.resolve(v);
    if (mounts.isVirtualDir(parent) && !mounts.isMountPoint(parent)) {
      // The parent shows only because a folder is mounted below it; create it for real now.
      VirtualErrors.run(parent, () -> r.mount().vfs().mkdirs(r.path().parentOrRoot()));
    }
    VirtualErrors.run(v, () -> r.mount().vfs().mkdir(r.path()));
  }

  @Override
  public void remove(String path) throws IOException {
    touch();
    Refusals.operation(this, "delete", path, null, () -> removeFileOrDir(path));
  }

  private void removeFileOrDir(String path) throws IOException {
    VPath v = vpath(path);
    if (v.isRoot()) {
      throw new AccessDeniedException("/", null, "the root directory cannot be removed");
    }
    if (mounts.isVirtualDir(v)) {
      throw new AccessDeniedException(
          v.toString(), null, "is a virtual folder mount point or contains one; it cannot be removed");
    }
    Resolved r = mounts.resolve(v);
    FileAttrs a = on(v, () -> r.mount().vfs().stat(r.path()));
    rules.require(a.isDir() ? Permission.DELETE_DIRS : Permission.DELETE_FILES, v.parentOrRoot(), v);
    rules.requireAllowed(v);
    VirtualErrors.run(v, () -> r.mount().vfs().remove(r.path()));
    if (!a.isDir()) {
      new QuotaScope(user, r.mount().mount(), usage).charge(-a.size(), -1);
    }
  }

  @Override
  public void setModified(String path, Instant time) throws IOException {
    touch();
    VPath v = vpath(path);
    requireChtimes(v);
    applyModified(v, time);
  }

  /** Sets the time of {@code v}, whose {@code chtimes} was checked already. */
  void applyModified(VPath v, Instant time) throws IOException {
    if (mounts.isVirtualDir(v) && !mounts.isMountPoint(v)) {
      return; // shown only because a folder is mounted below; nothing stores its time
    }
    Resolved r = mounts.resolve(v);
    Vfs vfs = r.mount().vfs();
    if (vfs.supports(Capability.SET_TIMES)) {
      VirtualErrors.run(v, () -> vfs.setModified(r.path(), time));
    } else {
      on(v, () -> vfs.stat(r.path())); // still "no such file" for a missing path
    }
  }

  void requireChtimes(VPath v) throws AccessDeniedException {
    rules.require(Permission.CHTIMES, v.parentOrRoot(), v);
    rules.requireAllowed(v);
  }

  @Override
  public void checkModeChange(String path) throws IOException {
    VPath v = vpath(path);
    rules.require(Permission.CHMOD, v.parentOrRoot(), v);
    rules.requireAllowed(v);
  }

  @Override
  public void rename(String from, String to, boolean replace) throws IOException {
    touch();
    Refusals.operation(this, "rename", from, to, () -> move(from, to, replace));
  }

  private void move(String from, String to, boolean replace) throws IOException {
    VPath f = vpath(from);
    VPath t = vpath(to);
    if (f.isRoot() || t.isRoot()) {
      throw new AccessDeniedException(f.toString(), t.toString(), "the root directory cannot be renamed");
    }
    requireCleanName(t);
    requireMovableMount(f, t);
    Resolved rf = mounts.resolve(f);
    Resolved rt = mounts.resolve(t);
    Vfs vfs = rf.mount().vfs();
    FileAttrs a = on(f, () -> vfs.stat(rf.path()));
    Permission perm = a.isDir() ? Permission.RENAME_DIRS : Permission.RENAME_FILES;
    rules.require(perm, f.parentOrRoot(), f);
    rules.require(perm, t.parentOrRoot(), t);
    rules.requireAllowed(f);
    rules.requireAllowed(t);
    if (a.isDir()) {
      requireMovableTree(f, t);
    }
    if (f.equals(t)) {
      return;
    }
    Optional<FileAttrs> target = on(t, () -> vfs.find(rt.path()));
    if (target.isPresent()) {
      if (target.get().isDir() || !replace) {
        throw new FileAlreadyExistsException(f.toString(), t.toString(), "the target exists");
      }
      rules.require(Permission.OVERWRITE, t.parentOrRoot(), t);
    }
    try {
      vfs.rename(rf.path(), rt.path(), replace);
    } catch (FileAlreadyExistsException e) {
      throw VirtualErrors.translate(e, t);
    } catch (FileSystemException e) {
      throw VirtualErrors.translate(e, f);
    }
    if (target.isPresent()) {
      new QuotaScope(user, rt.mount().mount(), usage).charge(-target.get().size(), -1);
    }
  }

  /**
   * The mount half of "may this move from {@code f} to {@code t}": a mount point, or a directory
   * holding one, stays where the user's mappings put it; and nothing moves between two storages.
   */
  private void requireMovableMount(VPath f, VPath t) throws AccessDeniedException {
    if (mounts.isVirtualDir(f)) {
      throw new AccessDeniedException(
          f.toString(), t.toString(), "is a virtual folder mount point or contains one; it cannot be moved");
    }
    if (mounts.isVirtualDir(t)) {
      throw new AccessDeniedException(
          f.toString(), t.toString(), t + " is a virtual folder mount point; nothing can be moved onto it");
    }
    MountedVfs from = mounts.resolve(f).mount();
    MountedVfs to = mounts.resolve(t).mount();
    if (from != to) {
      throw new AccessDeniedException(
          f.toString(), t.toString(),
          "cannot move between storages: " + f + " is in " + from.label() + ", " + t + " in " + to.label());
    }
  }

  /**
   * The rules half for a directory tree: permissions and file patterns are bound to paths, so a tree
   * that carries entries (at its root or below) cannot leave them behind, nor can a tree land where
   * entries made for other content would then govern it.
   */
  private void requireMovableTree(VPath f, VPath t) throws AccessDeniedException {
    String carries = " has its own permissions or file patterns, or holds a directory that has; ";
    if (rules.hasRulesAtOrBelow(f)) {
      throw new AccessDeniedException(f.toString(), t.toString(), f + carries + "it cannot be moved");
    }
    if (rules.hasRulesAtOrBelow(t)) {
      throw new AccessDeniedException(f.toString(), t.toString(), t + carries + "no directory can be moved there");
    }
  }

  @Override
  public void end(String cause) {
    ending(cause);
    close();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (SessionTransfer t : List.copyOf(open)) {
        try {
          t.sessionClosed();
        } catch (RuntimeException e) {
          LOG.error("Ending a transfer of {} on close failed", t.path, e);
        }
      }
      for (MountedVfs m : mounts.all()) {
        m.close();
      }
    } finally {
      connections.unregister(id);
    }
  }
}
