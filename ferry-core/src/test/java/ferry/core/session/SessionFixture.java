package ferry.core.session;

import ferry.core.account.PatternsFilter;
import ferry.core.account.Permission;
import ferry.core.folder.StorageTarget;
import ferry.core.session.SessionUser.Mount;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.LocalVfsProvider;
import ferry.vfs.MemoryVfs;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import ferry.vfs.VfsProviders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds users over named in-memory (or local) storages and records what sessions do. */
final class SessionFixture {
  final Map<String, MemoryVfs> storages = new ConcurrentHashMap<>();
  final AtomicInteger opens = new AtomicInteger();
  final MemoryUsage usage = new MemoryUsage();
  final List<TransferRecord> records = new CopyOnWriteArrayList<>();
  final Connections connections = new Connections();
  final FileSessions sessions;

  SessionFixture() {
    VfsProvider mem =
        new VfsProvider() {
          @Override
          public String type() {
            return "mem";
          }

          @Override
          public Vfs create(Map<String, String> settings) {
            opens.incrementAndGet();
            return storages.computeIfAbsent(settings.get("name"), n -> new MemoryVfs(n, Clock.systemUTC()));
          }
        };
    VfsProviders providers = new VfsProviders(List.of(mem, new LocalVfsProvider()));
    sessions =
        new FileSessions(providers, usage, new TransferLog(records::add), connections, Clock.systemUTC());
  }

  MemoryVfs storage(String name) {
    return storages.computeIfAbsent(name, n -> new MemoryVfs(n, Clock.systemUTC()));
  }

  static StorageTarget mem(String name) {
    return new StorageTarget("mem", Map.of("name", name));
  }

  static Set<Permission> perms(Permission... p) {
    return p.length == 0 ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(List.of(p));
  }

  /** A user builder with all permissions on "/" and the home on storage "home". */
  static final class UserBuilder {
    String name = "bob";
    Map<String, Set<Permission>> permissions = new HashMap<>(Map.of("/", SessionFixture.perms(Permission.ALL)));
    List<PatternsFilter> patterns = new ArrayList<>();
    long quotaSize;
    long quotaFiles;
    long maxUpload;
    long upBw;
    long downBw;
    int maxSessions;
    List<Mount> mounts = new ArrayList<>(List.of(new Mount("/", null, mem("home"), 0, 0)));

    UserBuilder perms(String dir, Permission... p) {
      permissions.put(dir, SessionFixture.perms(p));
      return this;
    }

    UserBuilder patterns(String dir, List<String> allowed, List<String> denied, int policy) {
      patterns.add(new PatternsFilter(dir, allowed, denied, policy));
      return this;
    }

    UserBuilder quota(long size, long files) {
      quotaSize = size;
      quotaFiles = files;
      return this;
    }

    UserBuilder home(StorageTarget target) {
      mounts.set(0, new Mount("/", null, target, 0, 0));
      return this;
    }

    UserBuilder folder(String path, String name, long qSize, long qFiles) {
      mounts.add(new Mount(path, name, mem(name), qSize, qFiles));
      return this;
    }

    SessionUser build() {
      return new SessionUser(
          name, permissions, patterns, quotaSize, quotaFiles, maxUpload, upBw, downBw, maxSessions, mounts);
    }
  }

  static UserBuilder user() {
    return new UserBuilder();
  }

  FileSession open(SessionUser user) {
    return sessions.open(user, "SFTP", "10.0.0.7");
  }

  static void put(Vfs vfs, String path, String content) throws IOException {
    VPath p = VPath.of(path);
    vfs.mkdirs(p.parentOrRoot());
    try (var up = vfs.openWrite(p, ferry.vfs.WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
      up.commit();
    }
  }

  static String get(Vfs vfs, String path) throws IOException {
    try (InputStream in = vfs.openRead(VPath.of(path), 0)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static void upload(FileSession s, String path, String content) throws IOException {
    try (FileSession.Upload up = s.upload(path, UploadMode.REPLACE)) {
      up.write(up.position(), ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
      up.commit();
    }
  }

  static String download(FileSession s, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (FileSession.Download d = s.download(path)) {
      byte[] buf = new byte[7];
      long off = 0;
      int n;
      while ((n = d.read(off, buf, 0, buf.length)) > 0) {
        out.write(buf, 0, n);
        off += n;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  static List<String> names(FileSession s, String dir) throws IOException {
    List<String> names = new ArrayList<>();
    try (var l = s.list(dir)) {
      List<ferry.vfs.FileAttrs> batch;
      while (!(batch = l.next(2)).isEmpty()) {
        batch.forEach(a -> names.add(a.name() + (a.isDir() ? "/" : "")));
      }
    }
    return names.stream().sorted().toList();
  }
}
