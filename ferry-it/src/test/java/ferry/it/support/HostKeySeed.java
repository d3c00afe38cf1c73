package ferry.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The SSH host keys every {@code ferry serve} the ITs launch starts with, made once here and copied
 * into each fresh data dir (issue 11): a server generating its own RSA-3072 key spends seconds of CPU on it
 * with the C1-only JIT the tests launch it with, dozens of times per run. The files are the ones
 * ferry-sftpd's {@code HostKeys} reads (same names, same MINA writer); should they drift apart, the
 * server generates what it misses, which is only slower. Generation itself is covered by
 * ferry-sftpd's tests.
 */
final class HostKeySeed {
  private record Kind(String file, String algorithm, int bits) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("ssh_host_ed25519_key", SecurityUtils.EDDSA, 256),
          new Kind("ssh_host_ecdsa_key", KeyUtils.EC_ALGORITHM, 256),
          new Kind("ssh_host_rsa_key", KeyUtils.RSA_ALGORITHM, 3072));

  private static Path seed;

  private HostKeySeed() {}

  /**
   * Copies the keys into {@code dataDir}/ssh unless it holds files already (a data dir started
   * before keeps its keys; a start that failed early may have left the directory empty).
   */
  static synchronized void plant(Path dataDir) {
    Path target = dataDir.resolve("ssh");
    try {
      if (Files.isDirectory(target)) {
        try (Stream<Path> present = Files.list(target)) {
          if (present.findAny().isPresent()) return;
        }
      } else {
        Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      try (Stream<Path> keys = Files.list(seed())) {
        for (Path key : keys.toList()) {
          Path copy = Files.copy(key, target.resolve(key.getFileName()));
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the test host keys into " + target, e);
    }
  }

  private static Path seed() throws IOException {
    if (seed != null) return seed;
    Path dir = Files.createTempDirectory("ferry-it-host-keys");
    dir.toFile().deleteOnExit();
    for (Kind kind : KINDS) {
      Path file = dir.resolve(kind.file());
      SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
      provider.setAlgorithm(kind.algorithm());
      provider.setKeySize(kind.bits());
      provider.loadKeys(null); // generates and writes the file
      try (Stream<Path> written = Files.list(dir)) {
        written.forEach(p -> p.toFile().deleteOnExit());
      }
    }
    seed = dir;
    return seed;
  }
}
