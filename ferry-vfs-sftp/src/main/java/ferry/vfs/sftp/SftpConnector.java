package ferry.vfs.sftp;

import ferry.vfs.VfsErrors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens authenticated SFTP sessions, accepting only host keys whose SHA-256 fingerprint is pinned
 * in the config. No known_hosts file, no trust on first use.
 */
final class SftpConnector implements AutoCloseable {
  // AES-GCM first: it runs on CPU intrinsics, while MINA's ChaCha20 is pure Java and several
  // times slower for bulk transfers.
  private static final List<BuiltinCiphers> CIPHERS =
      List.of(
          BuiltinCiphers.aes128gcm,
          BuiltinCiphers.aes256gcm,
          BuiltinCiphers.aes128ctr,
          BuiltinCiphers.aes256ctr,
          BuiltinCiphers.cc20p1305_openssh);

  private final SftpVfsConfig config;
  private final String endpoint;
  private final List<KeyPair> keys;
  private final Set<String> pinned;
  private final AtomicReference<String> refusedKey = new AtomicReference<>();
  private SshClient client;

  SftpConnector(SftpVfsConfig config, String endpoint) throws IOException {
    this.config = config;
    this.endpoint = endpoint;
    this.keys = loadKeys(config, endpoint);
    this.pinned = Set.copyOf(config.fingerprints().stream().map(SftpConnector::normalize).toList());
  }

  private static List<KeyPair> loadKeys(SftpVfsConfig config, String endpoint) throws IOException {
    if (config.privateKeyPem().isEmpty()) {
      return List.of();
    }
    List<KeyPair> out = new ArrayList<>();
    FilePasswordProvider passphrase = FilePasswordProvider.of(config.privateKeyPassphrase());
    try (var in =
        new ByteArrayInputStream(config.privateKeyPem().getBytes(StandardCharsets.UTF_8))) {
      Iterable<KeyPair> loaded =
          SecurityUtils.loadKeyPairIdentities(
              null, NamedResource.ofName("sftp.private_key"), in, passphrase);
      if (loaded != null) {
        loaded.forEach(out::add);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(endpoint + ": cannot read the private key (wrong passphrase?)", e);
    }
    if (out.isEmpty()) {
      throw new IOException(endpoint + ": no key found in the configured private key");
    }
    return List.copyOf(out);
  }

  /** "SHA256:abc=" and "SHA256:abc" name the same key; OpenSSH prints it without padding. */
  static String normalize(String fingerprint) {
    String f = fingerprint.strip();
    while (f.endsWith("=")) {
      f = f.substring(0, f.length() - 1);
    }
    return f;
  }

  static String fingerprint(PublicKey key) {
    return normalize(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
  }

  private boolean verify(ClientSession session, SocketAddress remote, PublicKey key) {
    String seen = fingerprint(key);
    if (pinned.contains(seen)) {
      return true;
    }
    refusedKey.set(seen + " (" + KeyUtils.getKeyType(key) + ")");
    return false;
  }

  private synchronized SshClient client() {
    if (client == null) {
      client = SshClient.setUpDefaultClient();
      client.setServerKeyVerifier(this::verify);
      // Only the configured endpoint and credentials count, never ~/.ssh/config or ~/.ssh/id_*
      // of the account the server happens to run as.
      client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
      client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
      client.setCipherFactories(
          CIPHERS.stream()
              .filter(BuiltinCiphers::isSupported)
              .<NamedFactory<Cipher>>map(c -> c)
              .toList());
      client.start();
    }
    return client;
  }

  /** Connects, checks the host key, logs in, and opens the SFTP subsystem. */
  synchronized SftpClient connect() throws IOException {
    refusedKey.set(null);
    ClientSession session;
    try {
      session =
          client()
              .connect(config.username(), config.host(), config.port())
              .verify(config.timeout())
              .getSession();
    } catch (IOException e) {
      throw refusedOr(e, new IOException(endpoint + ": cannot connect: " + e.getMessage(), e));
    }
    try {
      if (!config.password().isEmpty()) {
        session.addPasswordIdentity(config.password());
      }
      for (KeyPair key : keys) {
        session.addPublicKeyIdentity(key);
      }
      try {
        session.auth().verify(config.timeout());
      } catch (IOException e) {
        String reason = "authentication failed for user " + config.username();
        throw refusedOr(e, VfsErrors.accessDenied(endpoint, reason, e));
      }
      try {
        return SftpClientFactory.instance().createSftpClient(session).singleSessionInstance();
      } catch (IOException e) {
        throw new IOException(endpoint + ": cannot start the SFTP subsystem", e);
      }
    } catch (IOException | RuntimeException e) {
      session.close(true);
      throw e;
    }
  }

  private IOException refusedOr(IOException cause, IOException otherwise) {
    String seen = refusedKey.get();
    if (seen == null) {
      return otherwise;
    }
    return new IOException(
        endpoint
            + ": host key "
            + seen
            + (pinned.isEmpty()
                ? " is not pinned (no fingerprints configured); refusing to connect. Add it to"
                    + " fingerprints if it is the server's key"
                : " is not among the pinned fingerprints " + pinned + "; refusing to connect"),
        cause);
  }

  @Override
  public synchronized void close() throws IOException {
    if (client != null) {
      client.stop();
      client = null;
    }
  }
}
