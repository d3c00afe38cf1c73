package ferry.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The SSH host keys every test server of this JVM starts with: the first server generates them,
 * each later one with a fresh data dir gets a copy. Generating the RSA-3072 key costs a server
 * seconds of CPU, which dozens of starts paid for nothing (issue 11). Generation itself stays
 * covered by that first start and by ferry-sftpd's tests.
 */
final class HostKeySeed {
  private static final String SSH_DIR = "ssh";
  private static Path seed;

  private HostKeySeed() {}

  /** Copies the seeded keys into {@code dataDir}, unless it has host keys or there are none yet. */
  static synchronized void plant(Path dataDir) {
    Path target = dataDir.resolve(SSH_DIR);
    if (seed == null || Files.exists(target)) return;
    try {
      Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      try (Stream<Path> keys = Files.list(seed)) {
        for (Path key : keys.toList()) Files.copy(key, target.resolve(key.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the test host keys into " + target, e);
    }
  }

  /** Keeps the keys a started server generated in {@code dataDir}, when none are kept yet. */
  static synchronized void keepFrom(Path dataDir) {
    Path source = dataDir.resolve(SSH_DIR);
    if (seed != null || !Files.isDirectory(source)) return;
    try (Stream<Path> keys = Files.list(source)) {
      Path dir = Files.createTempDirectory("ferry-it-host-keys");
      dir.toFile().deleteOnExit();
      for (Path key : keys.toList()) {
        Path copy = Files.copy(key, dir.resolve(key.getFileName()));
        copy.toFile().deleteOnExit();
      }
      seed = dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the host keys of " + dataDir, e);
    }
  }
}
