package ferry.vfs.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process MINA SSH server on a loopback port 0 that serves a temp dir over SFTP, one per test
 * class. User {@link #USER} logs in with {@link #PASSWORD} or with {@link #clientKey()}.
 */
public final class SftpTestServer implements BeforeAllCallback, AfterAllCallback {
  public static final String USER = "alice";
  public static final String PASSWORD = "correct horse";

  private Path root;
  private SshServer sshd;
  private KeyPair hostKey;
  private KeyPair clientKey;

  static KeyPair ecKey() throws GeneralSecurityException {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return gen.generateKeyPair();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    root = Files.createTempDirectory("sftp-root");
    hostKey = ecKey();
    clientKey = ecKey();
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost("127.0.0.1");
    sshd.setPort(0);
    sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    sshd.setPasswordAuthenticator(
        (user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    sshd.setPublickeyAuthenticator(
        (user, key, session) ->
            USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.start();
  }

  /** The directory the server shows as {@code /}. */
  public Path root() {
    return root;
  }

  public int port() {
    return sshd.getPort();
  }

  /** The host key's fingerprint, as {@code ssh-keygen -lf} prints it. */
  public String fingerprint() {
    return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
  }

  /** Password login pinned to this server's host key. */
  public SftpVfsConfig config() {
    return SftpVfsConfig.withPassword("127.0.0.1", port(), USER, PASSWORD, List.of(fingerprint()));
  }

  /** The key the server accepts for {@link #USER}. */
  public KeyPair clientKey() {
    return clientKey;
  }

  /** The client key in OpenSSH format, encrypted with {@code passphrase} unless it is empty. */
  public String clientKeyPem(String passphrase) throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext encryption = null;
    if (!passphrase.isEmpty()) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setPassword(passphrase);
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setCipherMode("CTR");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "test", encryption, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (sshd != null) {
      sshd.stop(true);
    }
    if (root != null) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
