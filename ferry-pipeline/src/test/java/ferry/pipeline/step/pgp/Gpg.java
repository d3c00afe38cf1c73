package ferry.pipeline.step.pgp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real GnuPG (/usr/bin/gpg) in a home of its own, driven in batch mode with loopback passphrases. */
final class Gpg implements AutoCloseable {
  record Result(int code, String stdout, String stderr) {
    Result ok() {
      if (code != 0) throw new AssertionError("gpg exited " + code + ": " + stderr + stdout);
      return this;
    }
  }

  private final Path home;

  Gpg(Path home) throws IOException {
    this.home = Files.createDirectories(home);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
  }

  /** Makes a key for {@code uid} ("default": RSA primary + RSA subkey; "future-default": Ed25519 + Curve25519). */
  void generate(String uid, String passphrase, String algo) throws Exception {
    run(null, "--passphrase", passphrase, "--quick-gen-key", uid, algo, "default", "never").ok();
  }

  String exportPublicArmored(String uid) throws Exception {
    return run(null, "--armor", "--export", uid).ok().stdout();
  }

  String exportSecretArmored(String uid, String passphrase) throws Exception {
    return run(null, "--passphrase", passphrase, "--armor", "--export-secret-keys", uid).ok().stdout();
  }

  /** A binary export, base64-encoded as the secrets store holds it. */
  String exportBinaryBase64(String uid, String passphrase, boolean secret) throws Exception {
    Path out = home.resolve("export-" + System.nanoTime());
    if (secret) run(null, "--passphrase", passphrase, "--output", out.toString(), "--export-secret-keys", uid).ok();
    else run(null, "--output", out.toString(), "--export", uid).ok();
    return Base64.getMimeEncoder().encodeToString(Files.readAllBytes(out));
  }

  void importKey(String armored) throws Exception {
    Path in = home.resolve("import-" + System.nanoTime() + ".asc");
    Files.writeString(in, armored);
    run(null, "--import", in.toString()).ok();
  }

  /** Runs gpg with status lines on stdout (fd 1) unless the command writes its output there. */
  Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes", "--no-tty",
        "--pinentry-mode", "loopback", "--trust-model", "always", "--status-fd", "2"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    if (dir != null) pb.directory(dir.toFile());
    Path err = Files.createTempFile(home, "stderr", ".txt");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("gpg timed out: " + cmd);
    }
    String errText = Files.readString(err);
    Files.delete(err);
    return new Result(p.exitValue(), out, errText);
  }

  /** Stops the agent this home started (gpg starts one per home). */
  @Override
  public void close() throws Exception {
    Process p = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").inheritIO().start();
    p.waitFor(30, TimeUnit.SECONDS);
  }
}
