package ferry.pipeline.step;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A file as it goes through a run's steps: its bytes in the run's work directory, the relative
 * name it will be delivered under ("a/b.csv"; '/'-separated, never absolute or with ".."), and
 * where it first came from.
 *
 * @param origin the source path it came from (for a zip, the first of its members); for logs and records
 * @param modified the source file's modification time, carried for rename templates
 */
public record WorkFile(Path path, String name, long size, Instant modified, String origin) {
  public WorkFile {
    requireNonNull(path, "No path");
    requireNonNull(name, "No name");
    if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || ("/" + name + "/").contains("/../"))
      throw new IllegalArgumentException("Not a relative name: " + name);
  }

  public WorkFile withName(String newName) {
    return new WorkFile(path, newName, size, modified, origin);
  }
}
