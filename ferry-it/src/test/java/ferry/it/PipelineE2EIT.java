package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.it.support.FerryProcess;
import ferry.it.support.Gpg;
import ferry.it.support.Launch;
import ferry.it.support.LibraryEntries;
import ferry.it.support.OpenSshd;
import ferry.it.support.Pipelines;
import ferry.it.support.S3Server;
import ferry.it.support.Shell;
import ferry.it.support.SshClients;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Issue 14, "Show it works", end to end with real peers: 200 files arrive over SFTP (OpenSSH's
 * {@code sftp}) in alice's /incoming on the file server; the upload trigger fires; the pipeline zips
 * them, encrypts the zip to a key the real {@code gpg} made and signs it with ours, writes a SHA-256
 * manifest, and delivers to S3 (the tests' S3 server) and to OpenSSH's own sshd. Each delivered copy
 * goes back through {@code sha256sum -c}, {@code gpg --decrypt} (good signature) and {@code unzip}
 * into 200 files identical to what was sent. The reverse: a gpg-encrypted, signed gzip file on the
 * partner's sshd is decrypted, verified and gunzipped into a local folder.
 */
class PipelineE2EIT {
  private static final int FILES = 200;
  private static final String ALICE_PASSWORD = "Alice-Pipelines-14";
  private static final String S3_KEY = "pipelines-e2e";
  private static final String S3_SECRET = "pipelines-e2e-Secret-14";
  private static final String BUCKET = "deliveries";
  private static final String PARTNER = "Partner <partner@example.com>";
  private static final String OURS = "Ferry <ferry@example.com>";
  private static final String OUR_PASSPHRASE = "our-Pgp-Passphrase-14";
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path tmp;
  static OpenSshd sshd;
  static S3Server s3;
  static FerryProcess server;
  static Pipelines pipelines;
  static Gpg gpg;
  /** The partner's directory on its sshd (the SFTP entry's prefix). */
  static Path partner;
  static Path localDrop;

  @BeforeAll
  static void start() throws Exception {
    sshd = OpenSshd.start(tmp.resolve("sshd"));
    s3 = S3Server.start(S3_KEY, S3_SECRET);
    s3.client().createBucket(b -> b.bucket(BUCKET));
    server = FerryProcess.start(tmp.resolve("ferry-data")).unthrottled();
    pipelines = Pipelines.of(server);
    partner = Files.createDirectories(tmp.resolve("partner"));
    Files.createDirectories(partner.resolve("inbound"));
    Files.createDirectories(partner.resolve("outbound"));
    localDrop = Files.createDirectories(tmp.resolve("local-drop"));

    // the partner's key (gpg keeps its private half) and ours (Ferry gets its private half)
    gpg = Gpg.in(tmp.resolve("gnupg"));
    gpg.genKey(PARTNER, "");
    gpg.genKey(OURS, OUR_PASSPHRASE);
    // secrets as an admin stores them: the partner's public key through the CLI, ours through the API
    Path partnerPub = Files.writeString(tmp.resolve("partner-pub.asc"), gpg.exportPublic(PARTNER));
    ferry("secret", "set", "partner-pub", "--value-file", partnerPub.toString());
    server.api().expect(201, "PUT", "/v1/adm/secrets/our-key", server.cliKey(),
        Pipelines.json(Map.of("value", gpg.exportSecret(OURS, OUR_PASSPHRASE))));
    server.api().expect(201, "PUT", "/v1/adm/secrets/our-key-pass", server.cliKey(),
        Pipelines.json(Map.of("value", OUR_PASSPHRASE)));

    LibraryEntries.add(server, LibraryEntries.s3("e2e-s3", s3, BUCKET, S3_KEY, S3_SECRET));
    LibraryEntries.add(server, LibraryEntries.openSsh("e2e-partner", sshd, partner));
    LibraryEntries.add(server, LibraryEntries.local("e2e-local", localDrop));
    server.api().expect(201, "POST", "/v1/adm/users", server.cliKey(), Pipelines.json(Map.of("username", "alice",
        "password", ALICE_PASSWORD, "home_dir", Files.createDirectories(tmp.resolve("alice")).toString(),
        "permissions", Map.of("/", List.of("*")))));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) server.close();
    if (s3 != null) s3.close();
    if (sshd != null) sshd.close();
    if (gpg != null) gpg.close();
  }

  @Test
  void twoHundredFilesUploadedOverSftpAreZippedEncryptedSignedAndDeliveredToS3AndOpenSsh() throws Exception {
    String id = pipelines.create("e2e-outbound", """
        # alice's uploads, zipped, encrypted to the partner and signed by us, with a manifest
        source:
          user: alice
          path: /incoming
        steps:
          - type: zip
            name: batch.zip
          - type: pgp-encrypt
            recipients: [partner-pub]
            sign_with: our-key
            passphrase: our-key-pass
          - type: checksum
            mode: manifest
        destinations:
          - vfs: e2e-s3
            path: /outbound
          - vfs: e2e-partner
            path: /inbound
        trigger:
          type: upload
          user: alice
          path: /incoming
        """).path("id").asText();

    Path sent = Files.createDirectories(tmp.resolve("sent"));
    SplittableRandom random = new SplittableRandom(14);
    for (int i = 0; i < FILES; i++) {
      byte[] data = new byte[1 + random.nextInt(48 * 1024)];
      random.nextBytes(data);
      Files.write(sent.resolve(String.format("invoice-%03d.dat", i)), data);
    }
    Launch.Result upload = new SshClients(server.sftpPort(), tmp)
        .sftp("alice", ALICE_PASSWORD, "-mkdir incoming", "put " + sent + "/* incoming/");
    assertThat(upload.exitCode()).as(upload.toString()).isZero();

    JsonNode listed = pipelines.awaitRun(id, "the upload-triggered run to end", RUN_TIMEOUT,
        r -> r.path("trigger").asText().equals("upload") && Pipelines.isFinal(r));
    JsonNode run = pipelines.run(id, listed.path("id").asText());
    assertThat(run.path("status").asText()).as(Pipelines.describe(run)).isEqualTo("completed");
    assertThat(run.path("files").asInt()).as(Pipelines.describe(run)).isEqualTo(FILES);
    assertThat(pipelines.runs(id).size()).as("one run for one quiet batch of uploads").isEqualTo(1);

    // the S3 copy, fetched with the S3 server's own client
    Path fromS3 = Files.createDirectories(tmp.resolve("from-s3"));
    List<String> keys = new ArrayList<>();
    for (S3Object o : s3.client().listObjectsV2(b -> b.bucket(BUCKET)).contents()) {
      if (o.key().endsWith("/")) continue; // a folder marker, as the S3 storage makes for a directory
      keys.add(o.key());
      String name = o.key().substring(o.key().lastIndexOf('/') + 1);
      try (InputStream in = s3.client().getObject(b -> b.bucket(BUCKET).key(o.key()))) {
        Files.copy(in, fromS3.resolve(name));
      }
    }
    assertThat(keys).as("objects in the bucket").containsExactlyInAnyOrder("outbound/batch.zip.pgp", "outbound/SHA256SUMS");
    assertRoundTrip(fromS3, sent, "s3");
    // the copy on OpenSSH's sshd, nothing else beside it (no temporary name left)
    assertThat(names(partner.resolve("inbound"))).containsExactlyInAnyOrder("batch.zip.pgp", "SHA256SUMS");
    assertRoundTrip(partner.resolve("inbound"), sent, "sshd");

    // every delivered file is on the run with its SHA-256
    JsonNode delivered = run.path("deliveredFiles");
    assertThat(delivered.size()).as(delivered.toString()).isEqualTo(4);
    for (JsonNode f : delivered) {
      assertThat(f.path("status").asText()).as(f.toString()).isIn("ok", "completed", "delivered");
      assertThat(f.path("sha256").asText()).as(f.toString()).hasSize(64);
    }
  }

  @Test
  void aGpgEncryptedGzipFileOnSftpIsDecryptedVerifiedAndGunzippedIntoALocalFolder() throws Exception {
    SplittableRandom random = new SplittableRandom(41);
    StringBuilder csv = new StringBuilder("id,amount\n");
    for (int i = 0; i < 20_000; i++) csv.append(i).append(',').append(random.nextInt(1_000_000)).append('\n');
    Path original = Files.writeString(tmp.resolve("statement.csv"), csv);
    Path gz = tmp.resolve("gz/statement.csv.gz");
    Files.createDirectories(gz.getParent());
    Launch.Result gzip = Shell.run(List.of("sh", "-c", "gzip -c " + original + " > " + gz));
    assertThat(gzip.exitCode()).as(gzip.toString()).isZero();
    // the partner encrypts to our key and signs with its own, as `gpg` does on its side
    gpg.encryptAndSign(gz, partner.resolve("outbound/statement.csv.gz.gpg"), OURS, PARTNER, "");

    String id = pipelines.create("e2e-inbound", """
        source:
          vfs: e2e-partner
          path: /outbound
          pattern: "*.gpg"
        steps:
          - type: pgp-decrypt
            private_key: our-key
            passphrase: our-key-pass
            verify_with: [partner-pub]
          - type: gunzip
        destination:
          vfs: e2e-local
          path: /statements
        """).path("id").asText();
    JsonNode run = pipelines.awaitEnd(id, pipelines.start(id), RUN_TIMEOUT);
    assertThat(run.path("status").asText()).as(Pipelines.describe(run)).isEqualTo("completed");
    assertThat(localDrop.resolve("statements/statement.csv")).as(Pipelines.describe(run)).exists();
    assertThat(Files.mismatch(localDrop.resolve("statements/statement.csv"), original)).isEqualTo(-1L);
    assertThat(names(localDrop.resolve("statements"))).containsExactly("statement.csv");
  }

  /** sha256sum -c on the manifest, gpg --decrypt with a good signature of ours, unzip: the files sent. */
  private static void assertRoundTrip(Path delivered, Path sent, String where) throws IOException {
    Launch.Result check = Shell.run(List.of("sh", "-c", "cd " + delivered + " && sha256sum -c SHA256SUMS"));
    assertThat(check.exitCode()).as(where + ": " + check).isZero();
    assertThat(check.out()).contains("batch.zip.pgp: OK");
    Path zip = tmp.resolve(where + "-batch.zip");
    Launch.Result decrypt = gpg.decrypt(delivered.resolve("batch.zip.pgp"), zip);
    assertThat(decrypt.exitCode()).as(where + ": " + decrypt).isZero();
    assertThat(decrypt.out()).as(where + ": " + decrypt).contains("[GNUPG:] GOODSIG").contains("Ferry <ferry@example.com>")
        .contains("[GNUPG:] DECRYPTION_OKAY");
    Path unzipped = Files.createDirectories(tmp.resolve(where + "-unzipped"));
    Launch.Result unzip = Shell.run(List.of("unzip", "-q", zip.toString(), "-d", unzipped.toString()));
    assertThat(unzip.exitCode()).as(where + ": " + unzip).isZero();
    List<String> names = names(unzipped);
    assertThat(names).as(where).hasSize(FILES).containsExactlyInAnyOrderElementsOf(names(sent));
    for (String name : names)
      assertThat(Files.mismatch(unzipped.resolve(name), sent.resolve(name))).as(where + ": " + name).isEqualTo(-1L);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** {@code ferry <args>} beside the server's data dir, which must succeed. */
  private static void ferry(String... args) {
    Launch.Result r = Launch.run(List.of(args), Map.of(), tmp, null);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }
}
