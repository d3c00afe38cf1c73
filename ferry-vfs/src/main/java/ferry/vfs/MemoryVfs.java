package ferry.vfs;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A {@link Vfs} held in memory, for tests. Every operation takes one lock. */
public final class MemoryVfs implements Vfs {
  private sealed interface Node permits Dir, File {}

  private record Dir(TreeSet<String> children, Instant modified) implements Node {}

  private record File(byte[] data, Instant modified) implements Node {}

  private static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.ATOMIC_UPLOAD,
          Capability.RESUME_UPLOAD,
          Capability.SERVER_SIDE_RENAME,
          Capability.ATOMIC_RENAME,
          Capability.RENAME_DIRECTORY,
          Capability.REAL_DIRECTORIES);

  private final Object lock = new Object();
  private final Map<VPath, Node> nodes = new HashMap<>();
  private final Clock clock;
  private final String name;

  /** An empty tree named {@code name} whose modification times come from {@code clock}. */
  public MemoryVfs(String name, Clock clock) {
    this.name = requireNonNull(name, "No name");
    this.clock = requireNonNull(clock, "No clock");
    nodes.put(VPath.ROOT, new Dir(new TreeSet<>(), clock.instant()));
  }

  /** An empty tree using the system clock. */
  public MemoryVfs() {
    this("mem", Clock.systemUTC());
  }

  @Override
  public String endpoint() {
    return "memory://" + name;
  }

  private String where(VPath path) {
    return endpoint() + path;
  }

  @Override
  public FileAttrs stat(VPath path) throws IOException {
    synchronized (lock) {
      return attrs(path, node(path));
    }
  }

  private static FileAttrs attrs(VPath path, Node node) {
    return switch (node) {
      case Dir d -> FileAttrs.dir(path.name(), d.modified());
      case File f -> FileAttrs.file(path.name(), f.data().length, f.modified());
    };
  }

  private Node node(VPath path) throws IOException {
    Node n = nodes.get(path);
    if (n == null) {
      throw VfsErrors.noSuchFile(where(path), null);
    }
    return n;
  }

  private Dir dir(VPath path) throws IOException {
    Node n = nodes.get(path);
    if (n == null) {
      throw VfsErrors.noSuchFile(where(path), null);
    }
    if (!(n instanceof Dir d)) {
      throw VfsErrors.notDirectory(where(path), null);
    }
    return d;
  }

  @Override
  public DirLister list(VPath dir) throws IOException {
    List<FileAttrs> snapshot = new ArrayList<>();
    synchronized (lock) {
      for (String child : dir(dir).children()) {
        snapshot.add(attrs(dir.child(child), nodes.get(dir.child(child))));
      }
    }
    return new DirLister() {
      private int next;

      @Override
      public List<FileAttrs> next(int max) {
        int end = Math.min(snapshot.size(), next + max);
        List<FileAttrs> batch = List.copyOf(snapshot.subList(next, end));
        next = end;
        return batch;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public InputStream openRead(VPath path, long offset) throws IOException {
    synchronized (lock) {
      if (!(node(path) instanceof File f)) {
        throw VfsErrors.isDirectory(where(path));
      }
      int from = (int) Math.min(offset, f.data().length);
      return new ByteArrayInputStream(f.data(), from, f.data().length - from);
    }
  }

  @Override
  public Upload openWrite(VPath path, WriteOptions options) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    synchronized (lock) {
      dir(path.parentOrRoot());
      Node existing = nodes.get(path);
      if (existing instanceof Dir || path.isRoot()) {
        throw VfsErrors.isDirectory(where(path));
      }
      if (existing != null && options.mode() == WriteMode.CREATE_NEW) {
        throw VfsErrors.alreadyExists(where(path), null);
      }
      if (existing instanceof File f && options.mode() == WriteMode.APPEND) {
        buffer.writeBytes(f.data());
      }
    }
    return new AbstractUpload(where(path), buffer.size()) {
      @Override
      protected void doWrite(ByteBuffer src) {
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        buffer.writeBytes(chunk);
      }

      @Override
      protected void doCommit() throws IOException {
        put(path, buffer.toByteArray(), options.mode() == WriteMode.CREATE_NEW);
      }

      @Override
      protected void doAbort() throws IOException {
        if (options.mode() == WriteMode.APPEND) {
          put(path, buffer.toByteArray(), false);
        }
      }
    };
  }

  private void put(VPath path, byte[] data, boolean createNew) throws IOException {
    synchronized (lock) {
      Dir parent = dir(path.parentOrRoot());
      Node existing = nodes.get(path);
      if (existing instanceof Dir) {
        throw VfsErrors.isDirectory(where(path));
      }
      if (existing != null && createNew) {
        throw VfsErrors.alreadyExists(where(path), null);
      }
      nodes.put(path, new File(data, clock.instant()));
      parent.children().add(path.name());
    }
  }

  @Override
  public void mkdir(VPath dir) throws IOException {
    synchronized (lock) {
      if (nodes.containsKey(dir)) {
        throw VfsErrors.alreadyExists(where(dir), null);
      }
      dir(dir.parentOrRoot()).children().add(dir.name());
      nodes.put(dir, new Dir(new TreeSet<>(), clock.instant()));
    }
  }

  @Override
  public void rename(VPath from, VPath to, boolean replace) throws IOException {
    synchronized (lock) {
      if (from.isRoot() || to.isRoot() || (to.startsWith(from) && !to.equals(from))) {
        throw new IOException(where(from) + ": cannot move to " + to);
      }
      node(from);
      Dir target = dir(to.parentOrRoot());
      Node existing = nodes.get(to);
      if (existing != null && (!replace || existing instanceof Dir)) {
        throw VfsErrors.alreadyExists(where(to), null);
      }
      if (from.equals(to)) {
        return;
      }
      List<VPath> moved = new ArrayList<>();
      for (VPath p : nodes.keySet()) {
        if (p.startsWith(from)) {
          moved.add(p);
        }
      }
      for (VPath p : moved) {
        Node n = nodes.remove(p);
        nodes.put(p.equals(from) ? to : to.resolve(p.relativeTo(from)), n);
      }
      ((Dir) nodes.get(from.parentOrRoot())).children().remove(from.name());
      target.children().add(to.name());
    }
  }

  @Override
  public void remove(VPath path) throws IOException {
    synchronized (lock) {
      if (path.isRoot()) {
        throw VfsErrors.accessDenied(where(path), "cannot remove the root", null);
      }
      if (node(path) instanceof Dir d && !d.children().isEmpty()) {
        throw VfsErrors.notEmpty(where(path), null);
      }
      nodes.remove(path);
      dir(path.parentOrRoot()).children().remove(path.name());
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public void close() {}
}
