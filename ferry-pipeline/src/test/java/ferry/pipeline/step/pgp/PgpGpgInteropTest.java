package ferry.pipeline.step.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.pipeline.step.Bytes;
import ferry.pipeline.step.StepFailedException;
import ferry.pipeline.step.TestContext;
import ferry.pipeline.step.WorkFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenPGP steps against the real GnuPG: keys made by gpg, files Ferry encrypts or signs opened
 * by gpg, and files gpg encrypts or signs opened by Ferry. "partner" is the other side (its keys
 * live only in gpg's home); "ours" is Ferry's key pair, held in the test's secrets.
 */
class PgpGpgInteropTest {
  static final String PARTNER = "Partner <partner@example.test>";
  static final String OURS = "Ferry <ferry@example.test>";
  static final String ED = "Edwards <ed@example.test>";
  static final String PASS = "correct horse";

  @TempDir static Path keys;
  static Gpg gpg;
  static String partnerPub;
  static String partnerPubBinary;
  static String ourSecret;
  static String ourSecretBinary;
  static String ourPub;
  static String edPub;
  static String edSecret;

  @TempDir Path tmp;

  @BeforeAll
  static void makeKeys() throws Exception {
    gpg = new Gpg(keys.resolve("g"));
    gpg.generate(PARTNER, PASS, "default");
    gpg.generate(OURS, PASS, "default");
    gpg.generate(ED, PASS, "future-default");
    partnerPub = gpg.exportPublicArmored(PARTNER);
    partnerPubBinary = gpg.exportBinaryBase64(PARTNER, PASS, false);
    ourSecret = gpg.exportSecretArmored(OURS, PASS);
    ourSecretBinary = gpg.exportBinaryBase64(OURS, PASS, true);
    ourPub = gpg.exportPublicArmored(OURS);
    edPub = gpg.exportPublicArmored(ED);
    edSecret = gpg.exportSecretArmored(ED, PASS);
  }

  @AfterAll
  static void stopAgent() throws Exception {
    gpg.close();
  }

  TestContext ctx() {
    return new TestContext(tmp)
        .secret("partner-pub", partnerPub)
        .secret("partner-pub-bin", partnerPubBinary)
        .secret("our-key", ourSecret)
        .secret("our-key-bin", ourSecretBinary)
        .secret("our-pub", ourPub)
        .secret("our-pass", PASS)
        .secret("ed-pub", edPub)
        .secret("ed-key", edSecret);
  }

  @Test
  void ferryEncryptsAndSignsAndGpgDecryptsWithAGoodSignature() throws Exception {
    TestContext ctx = ctx();
    byte[] data = Bytes.random(1_000_000, 11);
    List<WorkFile> out =
        ctx.run(List.of(ctx.file("d/report.csv", data)), "pgp-encrypt", "recipients", List.of("partner-pub"), "sign_with", "our-key",
            "passphrase", "our-pass");
    assertThat(out).extracting(WorkFile::name).containsExactly("d/report.csv.pgp");
    Path plain = tmp.resolve("plain");
    Gpg.Result r = gpg.run(null, "--passphrase", PASS, "--output", plain.toString(), "--decrypt", out.get(0).path().toString()).ok();
    assertThat(plain).hasBinaryContent(data);
    assertThat(r.stderr()).contains("[GNUPG:] GOODSIG").contains("[GNUPG:] DECRYPTION_OKAY").contains("[GNUPG:] GOODMDC")
        .contains("[GNUPG:] DECRYPTION_INFO 2 9"); // 2: MDC, 9: AES-256
  }

  @Test
  void armouredOutputAndBinaryKeysWork() throws Exception {
    TestContext ctx = ctx();
    List<WorkFile> out =
        ctx.run(List.of(ctx.file("a.txt", "hello gpg\n")), "pgp-encrypt", "recipients", List.of("partner-pub-bin"), "armor", true,
            "sign_with", "our-key-bin", "passphrase", "our-pass");
    assertThat(out.get(0).name()).isEqualTo("a.txt.asc");
    assertThat(Files.readString(out.get(0).path())).startsWith("-----BEGIN PGP MESSAGE-----");
    Gpg.Result r = gpg.run(null, "--passphrase", PASS, "--decrypt", out.get(0).path().toString()).ok();
    assertThat(r.stdout()).isEqualTo("hello gpg\n");
    assertThat(r.stderr()).contains("GOODSIG");
  }

  @Test
  void curve25519KeysWorkBothWays() throws Exception {
    TestContext ctx = ctx();
    byte[] data = Bytes.random(50_000, 12);
    List<WorkFile> enc =
        ctx.run(List.of(ctx.file("x.bin", data)), "pgp-encrypt", "recipients", List.of("ed-pub"), "sign_with", "ed-key", "passphrase",
            "our-pass");
    Path plain = tmp.resolve("x.out");
    Gpg.Result r = gpg.run(null, "--passphrase", PASS, "--output", plain.toString(), "--decrypt", enc.get(0).path().toString()).ok();
    assertThat(plain).hasBinaryContent(data);
    assertThat(r.stderr()).contains("GOODSIG");
    List<WorkFile> dec = ctx.run(enc, "pgp-decrypt", "private_key", "ed-key", "passphrase", "our-pass", "verify_with", List.of("ed-pub"));
    assertThat(dec.get(0).path()).hasBinaryContent(data);
  }

  @Test
  void gpgEncryptsAndSignsAndFerryDecryptsAndVerifies() throws Exception {
    TestContext ctx = ctx();
    gpg.importKey(ourPub);
    byte[] data = Bytes.random(700_000, 13);
    Path src = tmp.resolve("in.bin");
    Files.write(src, data);
    gpg.run(null, "--passphrase", PASS, "--local-user", PARTNER, "--recipient", OURS, "--output", tmp.resolve("in.bin.gpg").toString(),
        "--sign", "--encrypt", src.toString()).ok();
    gpg.run(null, "--armor", "--recipient", OURS, "--output", tmp.resolve("plain.txt.asc").toString(), "--encrypt", src.toString()).ok();
    WorkFile signed = ctx.file("in.bin.gpg", Files.readAllBytes(tmp.resolve("in.bin.gpg")));
    WorkFile armoured = ctx.file("plain.txt.asc", Files.readAllBytes(tmp.resolve("plain.txt.asc")));

    List<WorkFile> out =
        ctx.run(List.of(signed), "pgp-decrypt", "private_key", "our-key", "passphrase", "our-pass", "verify_with", List.of("partner-pub"));
    assertThat(out).extracting(WorkFile::name).containsExactly("in.bin");
    assertThat(out.get(0).path()).hasBinaryContent(data);
    assertThat(ctx.log).anyMatch(l -> l.contains("signed by"));

    List<WorkFile> unchecked = ctx.run(List.of(signed), "pgp-decrypt", "private_key", "our-key", "passphrase", "our-pass");
    assertThat(unchecked.get(0).path()).as("without verify_with the signature is not needed").hasBinaryContent(data);

    List<WorkFile> bin = ctx.run(List.of(armoured), "pgp-decrypt", "private_key", "our-key-bin", "passphrase", "our-pass");
    assertThat(bin).extracting(WorkFile::name).containsExactly("plain.txt");
    assertThat(bin.get(0).path()).hasBinaryContent(data);

    // Signed by the partner, but we demand our own key's signature.
    assertThatThrownBy(
            () -> ctx.run(List.of(signed), "pgp-decrypt", "private_key", "our-key", "passphrase", "our-pass", "verify_with", List.of("ed-pub")))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("not signed by any of the keys");
  }

  @Test
  void aTamperedFileFailsAndLeavesNoOutput() throws Exception {
    TestContext ctx = ctx();
    byte[] data = Bytes.random(300_000, 14);
    List<WorkFile> enc = ctx.run(List.of(ctx.file("t.bin", data)), "pgp-encrypt", "recipients", List.of("our-pub"));
    byte[] bytes = Files.readAllBytes(enc.get(0).path());
    bytes[bytes.length / 2] ^= 0x01;
    WorkFile tampered = ctx.file("t.bin.pgp", bytes);
    assertThatThrownBy(() -> ctx.run(List.of(tampered), "pgp-decrypt", "private_key", "our-key", "passphrase", "our-pass"))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("integrity")
        .matches(e -> !((StepFailedException) e).retryable());
    try (var files = Files.list(ctx.outputDir())) {
      assertThat(files).isEmpty();
    }
    // gpg agrees that it is damaged.
    assertThat(gpg.run(null, "--passphrase", PASS, "--decrypt", tampered.path().toString()).code()).isNotZero();

    byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(enc.get(0).path()), bytes.length - 10);
    WorkFile truncated = ctx.file("cut.pgp", cut);
    assertThatThrownBy(() -> ctx.run(List.of(truncated), "pgp-decrypt", "private_key", "our-key", "passphrase", "our-pass"))
        .isInstanceOf(StepFailedException.class);
    try (var files = Files.list(ctx.outputDir())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void wrongKeyOrPassphraseIsNamedWithoutItsValue() throws Exception {
    TestContext ctx = ctx().secret("bad-pass", "nope");
    List<WorkFile> enc = ctx.run(List.of(ctx.file("w.bin", "w")), "pgp-encrypt", "recipients", List.of("partner-pub"));
    assertThatThrownBy(() -> ctx.run(enc, "pgp-decrypt", "private_key", "our-key", "passphrase", "our-pass"))
        .hasMessageContaining("not encrypted to the key in secret our-key");
    List<WorkFile> mine = ctx.run(List.of(ctx.file("m.bin", "m")), "pgp-encrypt", "recipients", List.of("our-pub"));
    assertThatThrownBy(() -> ctx.run(mine, "pgp-decrypt", "private_key", "our-key", "passphrase", "bad-pass"))
        .hasMessageContaining("cannot unlock the key in secret our-key")
        .hasMessageNotContaining("nope");
    assertThatThrownBy(() -> ctx.run(mine, "pgp-decrypt", "private_key", "missing"))
        .hasMessage("secret missing is not available");
    assertThatThrownBy(() -> ctx.run(mine, "pgp-encrypt", "recipients", List.of("our-pass")))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("secret our-pass")
        .hasMessageNotContaining(PASS);
  }

  @Test
  void detachedSignaturesGoBothWays() throws Exception {
    TestContext ctx = ctx();
    gpg.importKey(ourPub);
    byte[] data = Bytes.random(200_000, 15);
    WorkFile file = ctx.file("s/data.bin", data);
    List<WorkFile> signed = ctx.run(List.of(file), "pgp-sign", "private_key", "our-key", "passphrase", "our-pass");
    assertThat(signed).extracting(WorkFile::name).containsExactly("s/data.bin", "s/data.bin.sig");
    assertThat(signed.get(0)).isEqualTo(file);
    Gpg.Result r = gpg.run(null, "--verify", signed.get(1).path().toString(), file.path().toString()).ok();
    assertThat(r.stderr()).contains("GOODSIG").contains("Ferry <ferry@example.test>");

    List<WorkFile> asc = ctx.run(List.of(file), "pgp-sign", "private_key", "our-key", "passphrase", "our-pass", "armor", true);
    assertThat(asc.get(1).name()).isEqualTo("s/data.bin.asc");
    assertThat(gpg.run(null, "--verify", asc.get(1).path().toString(), file.path().toString()).ok().stderr()).contains("GOODSIG");

    // gpg signs; Ferry verifies, keeps the file and drops the signature from the batch.
    WorkFile theirs = ctx.file("theirs.csv", "a,b\n");
    gpg.run(tmp, "--local-user", PARTNER, "--passphrase", PASS, "--yes", "--detach-sign", "--output", "theirs.csv.sig", theirs.path().toString()).ok();
    WorkFile sig = ctx.file("theirs.csv.sig", Files.readAllBytes(tmp.resolve("theirs.csv.sig")));
    List<WorkFile> verified = ctx.run(List.of(theirs, sig), "pgp-verify", "public_keys", List.of("partner-pub"));
    assertThat(verified).containsExactly(theirs);

    WorkFile forged = ctx.file("forged/theirs.csv", "a,c\n");
    WorkFile forgedSig = ctx.file("forged/theirs.csv.sig", Files.readAllBytes(sig.path()));
    assertThatThrownBy(() -> ctx.run(List.of(forged, forgedSig), "pgp-verify", "public_keys", List.of("partner-pub")))
        .isInstanceOf(StepFailedException.class)
        .hasMessage("forged/theirs.csv has a bad signature in forged/theirs.csv.sig")
        .matches(e -> !((StepFailedException) e).retryable());
    assertThatThrownBy(() -> ctx.run(List.of(theirs, sig), "pgp-verify", "public_keys", List.of("our-pub")))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("not signed by any of the keys");
    assertThatThrownBy(() -> ctx.run(List.of(theirs), "pgp-verify", "public_keys", List.of("partner-pub")))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("theirs.csv has no signature");
  }

  @Test
  void inlineSignedMessagesGoBothWays() throws Exception {
    TestContext ctx = ctx();
    gpg.importKey(ourPub);
    byte[] data = Bytes.random(100_000, 16);
    List<WorkFile> signed =
        ctx.run(List.of(ctx.file("m.bin", data)), "pgp-sign", "private_key", "our-key", "passphrase", "our-pass", "detached", false);
    assertThat(signed).extracting(WorkFile::name).containsExactly("m.bin.pgp");
    Path plain = tmp.resolve("m.out");
    Gpg.Result r = gpg.run(null, "--output", plain.toString(), "--decrypt", signed.get(0).path().toString()).ok();
    assertThat(plain).hasBinaryContent(data);
    assertThat(r.stderr()).contains("GOODSIG");
    List<WorkFile> back = ctx.run(signed, "pgp-verify", "public_keys", List.of("our-pub"));
    assertThat(back).extracting(WorkFile::name).containsExactly("m.bin");
    assertThat(back.get(0).path()).hasBinaryContent(data);

    Path src = tmp.resolve("g.txt");
    Files.write(src, data);
    gpg.run(null, "--local-user", PARTNER, "--passphrase", PASS, "--armor", "--output", tmp.resolve("g.txt.asc").toString(), "--sign",
        src.toString()).ok();
    WorkFile theirs = ctx.file("g.txt.asc", Files.readAllBytes(tmp.resolve("g.txt.asc")));
    List<WorkFile> unwrapped = ctx.run(List.of(theirs), "pgp-verify", "public_keys", List.of("partner-pub"));
    assertThat(unwrapped).extracting(WorkFile::name).containsExactly("g.txt");
    assertThat(unwrapped.get(0).path()).hasBinaryContent(data);
    assertThatThrownBy(() -> ctx.run(List.of(theirs), "pgp-verify", "public_keys", List.of("our-pub")))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("not signed by any of the keys");
  }

  @Test
  void ciphersBeyondAesFromGpgAreDecryptedToo() throws Exception {
    TestContext ctx = ctx();
    gpg.importKey(ourPub);
    byte[] data = Bytes.random(80_000, 17);
    Path src = tmp.resolve("c.bin");
    Files.write(src, data);
    for (String cipher : List.of("TWOFISH", "CAMELLIA256", "3DES", "AES128")) {
      Path enc = tmp.resolve("c-" + cipher + ".pgp");
      gpg.run(null, "--cipher-algo", cipher, "--compress-algo", "none", "--recipient", OURS, "--output", enc.toString(), "--encrypt",
          src.toString()).ok();
      WorkFile in = ctx.file("c-" + cipher + ".pgp", Files.readAllBytes(enc));
      List<WorkFile> out = ctx.run(List.of(in), "pgp-decrypt", "private_key", "our-key", "passphrase", "our-pass");
      assertThat(out.get(0).path()).as(cipher).hasBinaryContent(data);
    }
  }

  @Test
  void everyRecipientCanDecrypt() throws Exception {
    TestContext ctx = ctx();
    byte[] data = Bytes.random(10_000, 18);
    List<WorkFile> enc = ctx.run(List.of(ctx.file("r.bin", data)), "pgp-encrypt", "recipients", List.of("partner-pub", "ed-pub"));
    List<WorkFile> byEd = ctx.run(enc, "pgp-decrypt", "private_key", "ed-key", "passphrase", "our-pass");
    assertThat(byEd.get(0).path()).hasBinaryContent(data);
    Gpg.Result r = gpg.run(null, "--passphrase", PASS, "--decrypt", enc.get(0).path().toString()).ok();
    assertThat(r.stderr()).contains("Partner").contains("Edwards");
  }
}
