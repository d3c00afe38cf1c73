package ferry.pipeline.run;

import ferry.pipeline.definition.Location;
import ferry.vfs.Vfs;
import java.io.IOException;

/**
 * Opens the place a pipeline reads from or writes to. The server opens a {@code vfs:} location
 * as its VFS Library entry and a {@code user:} location as that user's own view of their files
 * (home and virtual folders, with the user's permissions). The location's {@code path} is not
 * applied: the runner addresses paths inside the returned file system.
 */
public interface Locations {
  /**
   * Opens {@code location}'s file system; the caller closes it.
   *
   * @throws java.nio.file.NoSuchFileException when the entry or user no longer exists
   * @throws IOException when the storage cannot be reached
   */
  Vfs open(Location location) throws IOException;
}
