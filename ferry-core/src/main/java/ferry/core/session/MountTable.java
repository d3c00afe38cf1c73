package ferry.core.session;

import ferry.core.session.SessionUser.Mount;
import ferry.vfs.VPath;
import ferry.vfs.VfsProviders;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The mounts of one session's tree: which storage serves a virtual path, and where. */
final class MountTable {
  /** A virtual path resolved to its mount and the path inside that mount's storage. */
  record Resolved(MountedVfs mount, VPath path) {}

  private final List<MountedVfs> deepestFirst;

  MountTable(List<Mount> mounts, VfsProviders providers) {
    List<MountedVfs> list = new ArrayList<>();
    for (Mount m : mounts) {
      list.add(new MountedVfs(m, VPath.of(m.virtualPath()), providers));
    }
    list.sort(Comparator.comparingInt((MountedVfs m) -> m.root().names().size()).reversed());
    this.deepestFirst = List.copyOf(list);
  }

  /** The mount with the longest prefix of {@code path} (the home at least). */
  Resolved resolve(VPath path) {
    for (MountedVfs m : deepestFirst) {
      if (path.startsWith(m.root())) {
        return new Resolved(m, VPath.ROOT.resolve(path.relativeTo(m.root())));
      }
    }
    throw new IllegalStateException("No home mount");
  }

  /** True if a virtual folder is mounted exactly at {@code path}. */
  boolean isMountPoint(VPath path) {
    return !path.isRoot() && deepestFirst.stream().anyMatch(m -> m.root().equals(path));
  }

  /** True if {@code path} is a mount point or a parent of one (but not the root). */
  boolean isVirtualDir(VPath path) {
    return !path.isRoot() && deepestFirst.stream().anyMatch(m -> m.root().startsWith(path));
  }

  /** Names of the children of {@code dir} that are mount points or lead to one. */
  Set<String> childDirs(VPath dir) {
    Set<String> names = new TreeSet<>();
    for (MountedVfs m : deepestFirst) {
      VPath root = m.root();
      if (root.names().size() > dir.names().size() && root.startsWith(dir)) {
        names.add(root.names().get(dir.names().size()));
      }
    }
    return names;
  }

  /** Every mount, for closing. */
  List<MountedVfs> all() {
    return deepestFirst;
  }
}
