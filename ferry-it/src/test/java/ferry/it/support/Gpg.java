package ferry.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The real GnuPG ({@code gpg}, Debian's gnupg) on a keyring of its own: a temporary GNUPGHOME, keys
 * made with {@code --quick-gen-key}, no agent prompts (loopback pinentry). What a partner on the
 * other side of a pipeline runs.
 */
public final class Gpg implements AutoCloseable {
  private final Path home;

  private Gpg(Path home) {
    this.home = home;
  }

  /** A new, empty keyring in {@code dir} (mode 700, as gpg wants it). */
  public static Gpg in(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(dir.resolve("gpg-agent.conf"), "allow-loopback-pinentry\n");
    return new Gpg(dir);
  }

  /** Makes a key pair for {@code uid} with gpg's default algorithms; {@code passphrase} may be empty. */
  public void genKey(String uid, String passphrase) {
    ok(gpg("--passphrase", passphrase, "--quick-gen-key", uid, "default", "default", "never"));
  }

  /** The ASCII-armoured public key of {@code uid}. */
  public String exportPublic(String uid) {
    return ok(gpg("--armor", "--export", uid)).out();
  }

  /** The ASCII-armoured private key of {@code uid}, still protected by its passphrase. */
  public String exportSecret(String uid, String passphrase) {
    return ok(gpg("--passphrase", passphrase, "--armor", "--export-secret-keys", uid)).out();
  }

  /**
   * Decrypts {@code in} to {@code out}; the result's output holds gpg's status lines ({@code
   * [GNUPG:] GOODSIG ...} for a good signature), its exit code says whether it worked.
   */
  public Launch.Result decrypt(Path in, Path out) {
    return gpg("--status-fd", "1", "--output", out.toString(), "--decrypt", in.toString());
  }

  /** Encrypts {@code in} to {@code recipient}, signed by {@code signer} (with its passphrase). */
  public void encryptAndSign(Path in, Path out, String recipient, String signer, String passphrase) {
    ok(gpg("--passphrase", passphrase, "--trust-model", "always", "--recipient", recipient, "--local-user", signer,
        "--output", out.toString(), "--sign", "--encrypt", in.toString()));
  }

  /** Encrypts {@code in} to {@code recipient}, unsigned. */
  public void encrypt(Path in, Path out, String recipient) {
    ok(gpg("--trust-model", "always", "--recipient", recipient, "--output", out.toString(), "--encrypt", in.toString()));
  }

  /** The home directory, for {@code GNUPGHOME}. */
  public Path home() {
    return home;
  }

  /** Stops the gpg-agent this keyring started (it would outlive the test). */
  @Override
  public void close() {
    Shell.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"));
  }

  private Launch.Result gpg(String... args) {
    List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes",
        "--pinentry-mode", "loopback", "--no-tty"));
    cmd.addAll(List.of(args));
    return Shell.run(cmd);
  }

  private static Launch.Result ok(Launch.Result r) {
    if (r.exitCode() != 0) throw new IllegalStateException("gpg failed: " + r);
    return r;
  }
}
