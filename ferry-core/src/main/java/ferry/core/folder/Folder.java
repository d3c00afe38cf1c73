package ferry.core.folder;

import java.time.Instant;
import java.util.Map;

/**
 * A VFS Library entry, which is also a virtual folder of the file server: a named storage
 * endpoint. {@code filesystem} is the reference API's {@code FilesystemConfig} as a JSON-like
 * tree (maps, lists, strings, numbers, booleans), with every secret in it sealed.
 */
public record Folder(
    long id, String name, String description, String mappedPath, Map<String, Object> filesystem,
    Instant createdAt, Instant updatedAt) {
  public Folder {
    filesystem = Map.copyOf(filesystem);
  }
}
