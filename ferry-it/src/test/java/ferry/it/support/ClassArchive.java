package ferry.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Class data sharing for the Ferry processes the ITs start (issue 11): the first {@code serve} and
 * the first other command of this JVM each write the classes they loaded to an archive when they
 * exit; later processes of the same kind map that archive instead of loading and verifying the
 * classes again, which saves about a third of a server start's CPU and a quarter of a command's.
 * An archive holds classes from jars only, so the launch uses ferry-cli's jar. The archives live in
 * a temporary directory of this JVM, so they always match the build under test.
 */
final class ClassArchive {
  private static final String CREATE = "-XX:ArchiveClassesAtExit=";
  /** CDS reports (e.g. classes it skips) would otherwise land in the output the tests check. */
  private static final String QUIET = "-Xlog:cds*=off";

  private enum State { NONE, CREATING, READY }

  private static final Map<String, State> states = new HashMap<>();
  private static Path dir;

  private ClassArchive() {}

  /** The JVM flags for the next process of {@code kind}: use the archive, create it, or neither. */
  static synchronized List<String> flags(String kind) {
    return switch (states.getOrDefault(kind, State.NONE)) {
      case READY -> List.of(QUIET, "-XX:SharedArchiveFile=" + archive(kind));
      case CREATING -> List.of(); // another process is writing it; this one starts without
      case NONE -> {
        states.put(kind, State.CREATING);
        yield List.of(QUIET, CREATE + creating(kind));
      }
    };
  }

  /**
   * Called once a process started with {@code command} has exited: publishes the archive it wrote,
   * unless it failed (a command refused early loads too few classes to be worth sharing).
   */
  static synchronized void ended(List<String> command, int exitCode) {
    for (String arg : command) {
      if (!arg.startsWith(CREATE)) continue;
      Path written = Path.of(arg.substring(CREATE.length()));
      String kind = written.getFileName().toString().replace(".jsa.creating", "");
      try {
        if (exitCode == 0 && Files.size(written) > 0) {
          Files.move(written, archive(kind), StandardCopyOption.ATOMIC_MOVE);
          archive(kind).toFile().deleteOnExit();
          states.put(kind, State.READY);
          return;
        }
        Files.deleteIfExists(written);
      } catch (IOException e) {
        // killed before it could write (SIGKILL): the next process of this kind tries again
      }
      states.put(kind, State.NONE);
    }
  }

  private static Path archive(String kind) {
    return directory().resolve(kind + ".jsa");
  }

  private static Path creating(String kind) {
    Path p = directory().resolve(kind + ".jsa.creating");
    p.toFile().deleteOnExit();
    return p;
  }

  private static Path directory() {
    if (dir == null) {
      try {
        dir = Files.createTempDirectory("ferry-it-cds");
        dir.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }
}
