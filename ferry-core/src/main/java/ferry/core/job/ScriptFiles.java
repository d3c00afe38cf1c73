package ferry.core.job;

import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Script files on the server's disk that {@code filePath} jobs may run: only under the configured directories. */
public final class ScriptFiles {
  private final List<Path> dirs;

  /** @param dirs the script directories; empty turns filePath jobs off */
  public ScriptFiles(List<Path> dirs) {
    this.dirs = dirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
  }

  /** A readable script file: its real path, file name and source. */
  public record ScriptFile(String path, String name, String source) {}

  /**
   * Reads a script file. A missing file, one outside the script directories and one that cannot be
   * read get the same answer, so that callers cannot probe the server's disk.
   *
   * @throws NotFoundException when there is no readable script file at {@code filePath} under a
   *     script directory
   */
  public ScriptFile read(String filePath) {
    if (filePath.isBlank()) throw new ValidationException("filePath is empty");
    if (dirs.isEmpty())
      throw new PermissionDeniedException(
          "filePath jobs are disabled: no script directory is configured (ferry serve --script-dir DIR)");
    Path real;
    try {
      Path lexical = Path.of(filePath).toAbsolutePath().normalize();
      // checked before touching the disk, then again on the real path (symbolic links)
      if (!underADir(lexical)) throw notFound();
      real = lexical.toRealPath();
    } catch (IOException | RuntimeException e) {
      throw notFound();
    }
    if (!underADir(real)) throw notFound();
    try {
      if (Files.size(real) > ScriptService.MAX_SOURCE_CHARS)
        throw new ValidationException("script file '" + filePath + "' is larger than 1 MiB");
      return new ScriptFile(real.toString(), real.getFileName().toString(),
          Files.readString(real, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw notFound();
    }
  }

  private boolean underADir(Path p) {
    return dirs.stream().anyMatch(d -> p.startsWith(d) || p.startsWith(realOrSelf(d)));
  }

  private static NotFoundException notFound() {
    return new NotFoundException("no readable script file at this filePath in the script directories configured"
        + " on the server");
  }

  private static Path realOrSelf(Path d) {
    try {
      return d.toRealPath();
    } catch (IOException e) {
      return d;
    }
  }
}
