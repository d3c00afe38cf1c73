package ferry.core.session;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.UploadNames;
import ferry.vfs.VPath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A directory's backend entries plus its virtual folder entries, which replace backend entries of
 * the same name; hidden names and temporary upload files are left out.
 */
final class MergedLister implements DirLister {
  private final VPath dir;
  private final List<FileAttrs> virtual;
  private final Set<String> virtualNames;
  private final DirLister backend;
  private final AccessRules rules;
  private int virtualSent;
  private boolean backendDone;

  MergedLister(VPath dir, List<FileAttrs> virtual, DirLister backend, AccessRules rules) {
    this.dir = dir;
    this.virtual = virtual;
    this.virtualNames = virtual.stream().map(FileAttrs::name).collect(Collectors.toSet());
    this.backend = backend;
    this.rules = rules;
  }

  @Override
  public List<FileAttrs> next(int max) throws IOException {
    List<FileAttrs> out = new ArrayList<>();
    while (virtualSent < virtual.size() && out.size() < max) {
      out.add(virtual.get(virtualSent++));
    }
    while (out.size() < max && !backendDone) {
      List<FileAttrs> batch = backend.next(max - out.size());
      if (batch.isEmpty()) {
        backendDone = true;
        break;
      }
      for (FileAttrs a : batch) {
        if (shows(a.name(), virtualNames, dir, rules)) {
          out.add(a);
        }
      }
    }
    return out;
  }

  /** Whether a backend entry named {@code name} in {@code dir} is listed (one rule for both listings). */
  static boolean shows(String name, Set<String> virtualNames, VPath dir, AccessRules rules) {
    return !virtualNames.contains(name) && !UploadNames.isTemp(name) && !rules.hidden(dir.child(name));
  }

  @Override
  public void close() throws IOException {
    backend.close();
  }
}
