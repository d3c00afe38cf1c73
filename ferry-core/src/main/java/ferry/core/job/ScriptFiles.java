package ferry.core.job;

import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.error.ValidationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
   * Reads a script file.
   *
   * @throws PermissionDeniedException when the file lies outside every script directory
   * @throws NotFoundException when it does not exist
   */
  public ScriptFile read(String filePath) {
    if (filePath.isBlank()) throw new ValidationException("filePath is empty");
    if (dirs.isEmpty())
      throw new PermissionDeniedException(
          "filePath jobs are disabled: no script directory is configured (ferry serve --script-dir DIR)");
    Path real;
    try {
      real = Path.of(filePath).toAbsolutePath().toRealPath();
    } catch (NoSuchFileException e) {
      throw new NotFoundException("no script file at '" + filePath + "'");
    } catch (IOException | RuntimeException e) {
      throw new ValidationException("cannot read script file '" + filePath + "': " + e.getMessage());
    }
    if (dirs.stream().noneMatch(d -> real.startsWith(realOrSelf(d))))
      throw new PermissionDeniedException(
          "'" + filePath + "' is outside the script directories " + dirs + " configured on the server");
    try {
      if (Files.size(real) > ScriptService.MAX_SOURCE_CHARS)
        throw new ValidationException("script file '" + filePath + "' is larger than 1 MiB");
      return new ScriptFile(real.toString(), real.getFileName().toString(),
          Files.readString(real, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ValidationException("cannot read script file '" + filePath + "': " + e.getMessage());
    }
  }

  private static Path realOrSelf(Path d) {
    try {
      return d.toRealPath();
    } catch (IOException e) {
      return d;
    }
  }
}
