package ferry.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@code ferry serve} with the default flags (plus a script dir) for every IT class of this JVM
 * that needs nothing special: the first class to register it starts the server, the end of the
 * test run stops it (issue 11: each start costs seconds). Classes sharing it stay independent by
 * their own names (users, folders, scripts, keys) and never assume an empty server. A class that
 * needs other flags, an empty server, or stops its server starts its own {@link FerryProcess}.
 *
 * <pre>{@code @RegisterExtension static final SharedServer SHARED = new SharedServer();}</pre>
 */
public final class SharedServer implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServer.class);

  private Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(NAMESPACE).computeIfAbsent(Running.class, k -> Running.start(), Running.class);
  }

  /** The server; valid from the class's {@code @BeforeAll} on. */
  public FerryProcess process() {
    if (running == null) throw new IllegalStateException("register SharedServer with @RegisterExtension on a static field");
    return running.process;
  }

  /** The directory the server's {@code --script-dir} names; scripts written there run by filePath. */
  public Path scriptDir() {
    process();
    return running.root.resolve("scripts");
  }

  /** {@code ferry <args>} next to the server's {@code ./ferry-data}, as a user beside it types it. */
  public Launch.Result ferry(List<String> args, String stdin) {
    return Launch.run(args, Map.of(), process().dataDir().getParent(), stdin);
  }

  /** The started server and its directory; the root store closes it when the test run ends. */
  private record Running(Path root, FerryProcess process) implements AutoCloseable {
    static Running start() {
      try {
        Path root = Files.createTempDirectory("ferry-it-shared");
        Path scripts = Files.createDirectories(root.resolve("scripts"));
        FerryProcess process =
            FerryProcess.start(root.resolve("ferry-data"), List.of("--script-dir", scripts.toString()), Map.of());
        return new Running(root, process);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      process.close();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
      }
    }
  }
}
