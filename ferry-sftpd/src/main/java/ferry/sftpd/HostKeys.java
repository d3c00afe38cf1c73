package ferry.sftpd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/** The server's host keys (ed25519, ecdsa P-256, rsa 3072), generated once and kept on disk. */
final class HostKeys {
  private record Kind(String file, String algorithm, int bits) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("ssh_host_ed25519_key", SecurityUtils.EDDSA, 256),
          new Kind("ssh_host_ecdsa_key", KeyUtils.EC_ALGORITHM, 256),
          new Kind("ssh_host_rsa_key", KeyUtils.RSA_ALGORITHM, 3072));

  private HostKeys() {}

  /** Loads the keys in {@code dir}, generating the missing ones (files readable by the owner only). */
  static KeyPairProvider load(Path dir) {
    try {
      Files.createDirectories(dir);
      restrict(dir, "rwx------");
      List<KeyPair> keys = new ArrayList<>();
      for (Kind kind : KINDS) {
        Path file = dir.resolve(kind.file());
        SimpleGeneratorHostKeyProvider provider = new SimpleGeneratorHostKeyProvider(file);
        provider.setAlgorithm(kind.algorithm());
        if (kind.bits() > 0) {
          provider.setKeySize(kind.bits());
        }
        provider.setStrictFilePermissions(false);
        for (KeyPair kp : provider.loadKeys(null)) {
          keys.add(kp);
        }
        restrict(file, "rw-------");
      }
      return KeyPairProvider.wrap(keys);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the SSH host keys in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void restrict(Path p, String perms) throws IOException {
    if (Files.exists(p) && p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }
  }
}
