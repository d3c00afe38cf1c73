package ferry.vfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Creates {@link LocalVfs} from the setting {@code root}. */
public final class LocalVfsProvider implements VfsProvider {
  @Override
  public String type() {
    return "local";
  }

  @Override
  public Vfs create(Map<String, String> settings) throws IOException {
    String root = settings.get("root");
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException("local.root: must not be empty");
    }
    return new LocalVfs(Path.of(root));
  }

  @Override
  public boolean onLocalDisk() {
    return true;
  }
}
