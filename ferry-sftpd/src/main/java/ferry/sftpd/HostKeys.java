package ferry.sftpd;

import ferry.core.status.ServicesStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
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

  /**
   * The fingerprints of the keys {@code provider} serves, as OpenSSH shows them ({@code ssh-keygen
   * -l}, the first-connection prompt): the key type and {@code SHA256:} unpadded base64, e.g.
   * {@code ED25519 SHA256:r+7nFz...}.
   */
  static List<ServicesStatus.HostKey> status(KeyPairProvider provider) {
    List<ServicesStatus.HostKey> out = new ArrayList<>();
    try {
      for (KeyPair kp : provider.loadKeys(null)) {
        out.add(new ServicesStatus.HostKey(KeyUtils.getFingerPrint(BuiltinDigests.sha256, kp.getPublic()),
            List.of(KeyUtils.getKeyType(kp.getPublic()))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SSH host keys: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the SSH host keys: " + e.getMessage(), e);
    }
    return out;
  }

  static List<String> fingerprints(KeyPairProvider provider) {
    List<String> out = new ArrayList<>();
    try {
      for (KeyPair kp : provider.loadKeys(null)) {
        out.add(openSshType(kp.getPublic()) + " " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, kp.getPublic()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SSH host keys: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the SSH host keys: " + e.getMessage(), e);
    }
    return out;
  }

  /** OpenSSH's name of a key's type: ED25519, ECDSA, RSA. */
  private static String openSshType(PublicKey key) {
    String type = KeyUtils.getKeyType(key);
    if (type.startsWith("ecdsa-")) return "ECDSA";
    return type.replaceFirst("^ssh-", "").toUpperCase(Locale.ROOT);
  }

  private static void restrict(Path p, String perms) throws IOException {
    if (Files.exists(p) && p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }
  }
}
