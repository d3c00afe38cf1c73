package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.Launch;
import ferry.it.support.SshClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The /api/v2 user file API of a real {@code ferry serve} started with {@code -Xmx256m}, driven by
 * curl as seed 004's user script does, and by OpenSSH sftp on the same files: a file uploaded over
 * REST reads byte-identical over SFTP and back; 1 GiB goes up and down with a 256 MiB heap.
 */
class UserFilesIT {
  private static final String PW = "Files-It-Pw-4711";
  private static final long GIB = 1024L * 1024 * 1024;

  @TempDir static Path tmp;
  static FerryProcess server;
  static Api api;
  static Path home;
  static SshClients ssh;

  @BeforeAll
  static void start() throws IOException {
    // the JVM reads JAVA_TOOL_OPTIONS: the whole server runs in a 256 MiB heap
    server = FerryProcess.start(tmp.resolve("ferry-data"), List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Xmx256m"));
    api = server.api();
    home = Files.createDirectories(tmp.resolve("homes/testuser"));
    api.expect(201, "POST", "/v1/adm/users", server.cliKey(), "{\"username\":\"testuser\",\"password\":\"" + PW
        + "\",\"home_dir\":\"" + home + "\",\"permissions\":{\"/\":[\"*\"]}}");
    ssh = new SshClients(server.sftpPort(), tmp);
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  /** Seed 004's user script, as written, with the endpoint and credentials substituted. */
  @Test
  void seed004UserScriptListsUploadsWithMkdirParentsAndDownloads() throws Exception {
    String script = """
        #!/bin/bash
        # SFTPGo endpoint and user credentials
        ENDPOINT="%s"
        USERNAME="testuser"
        PASSWORD="%s"
        # 1. Get the User JWT Token
        # Note the endpoint is /api/v2/user/token
        TOKEN=$(curl --anyauth -s -u "${USERNAME}:${PASSWORD}" \\
        "${ENDPOINT}/api/v2/user/token" | jq -r .access_token)
        echo "User Token acquired."
        # 2. List directory contents
        echo "--- Home Directory Contents ---"
        curl -s -H "Authorization: Bearer ${TOKEN}" "${ENDPOINT}/api/v2/user/dirs" | jq .
        echo "-------------------------------"
        echo "Uploading file..."
        echo "Hello SFTPGo" > local_file.txt
        # 'mkdir_parents=true' ensures 'my_subdir' is created automatically if it doesn't exist
        curl -X POST \\
        -H "Authorization: Bearer ${TOKEN}" \\
        -d "@local_file.txt" \\
        "${ENDPOINT}/api/v2/user/files/upload?path=my_subdir%%2Fuploaded_file.txt&mkdir_parents=true"
        # 4. Download the file from the subdirectory
        echo "Downloading file..."
        curl -s -H "Authorization: Bearer ${TOKEN}" \\
        "${ENDPOINT}/api/v2/user/files?path=my_subdir%%2Fuploaded_file.txt" > downloaded_file.txt
        echo "Download complete. Content:"
        cat downloaded_file.txt
        """.formatted(server.url(), PW);
    Path dir = Files.createDirectories(tmp.resolve("seed004"));
    Files.writeString(home.resolve("existing.txt"), "here before");
    Path file = Files.writeString(dir.resolve("user.sh"), script);
    Launch.Result r = run(dir, List.of("bash", file.toString()));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // the listing shows the home's file as a DirEntry
    assertThat(r.out()).contains("\"name\": \"existing.txt\"", "\"size\": 11", "\"last_modified\"");
    assertThat(r.out()).contains("\"message\"").doesNotContain("\"error\"");
    // curl -d strips the newline: what it sent is what is stored and what comes back
    assertThat(home.resolve("my_subdir/uploaded_file.txt")).hasContent("Hello SFTPGo");
    assertThat(r.out()).endsWith("Download complete. Content:\nHello SFTPGo");
    assertThat(dir.resolve("downloaded_file.txt")).hasContent("Hello SFTPGo");
  }

  @Test
  void aFileUploadedOverRestReadsIdenticalOverSftpAndTheOtherWayRound() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("interop"));
    byte[] data = new byte[3 * 1024 * 1024 + 17];
    new Random(12).nextBytes(data);
    Path up = Files.write(dir.resolve("rest-up.bin"), data);
    String token = token();
    Launch.Result put = run(dir, curl(token, "-X", "POST", "-T", up.toString(),
        server.url() + "/api/v2/user/files/upload?path=rest%2Frest-up.bin&mkdir_parents=true"));
    assertThat(put.exitCode()).as(put.toString()).isZero();
    Path viaSftp = dir.resolve("via-sftp.bin");
    Launch.Result get = ssh.sftp("testuser", PW, "get /rest/rest-up.bin " + viaSftp);
    assertThat(get.exitCode()).as(get.toString()).isZero();
    assertThat(Files.readAllBytes(viaSftp)).isEqualTo(data);

    byte[] other = new byte[2 * 1024 * 1024 + 5];
    new Random(13).nextBytes(other);
    Path sftpUp = Files.write(dir.resolve("sftp-up.bin"), other);
    Launch.Result sput = ssh.sftp("testuser", PW, "put " + sftpUp + " /rest/sftp-up.bin");
    assertThat(sput.exitCode()).as(sput.toString()).isZero();
    Path viaRest = dir.resolve("via-rest.bin");
    Launch.Result down = run(dir, curl(token, "-o", viaRest.toString(),
        server.url() + "/api/v2/user/files?path=rest%2Fsftp-up.bin"));
    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(Files.readAllBytes(viaRest)).isEqualTo(other);
  }

  /**
   * 1 GiB up and down through a server with a 256 MiB heap. Slow in the suite: 3.5 to 4.5 minutes on
   * a loaded 2-core machine (TLS on a C1-only server JVM, as Launch starts it).
   */
  @Test
  void oneGibUploadAndDownloadWithA256MibHeapAreByteIdentical() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("big"));
    Path big = dir.resolve("big.bin");
    String sent = writeRandom(big, GIB);
    String token = token();
    Launch.Result put = run(dir, curl(token, "-X", "POST", "-T", big.toString(), "-H",
        "Content-Type: application/octet-stream", server.url() + "/api/v2/user/files/upload?path=big.bin"));
    assertThat(put.exitCode()).as(put.toString()).isZero();
    assertThat(put.out()).contains("\"message\"");
    Files.delete(big);
    assertThat(sha256(home.resolve("big.bin"))).isEqualTo(sent);
    Path back = dir.resolve("back.bin");
    Launch.Result get = run(dir, curl(token, "-o", back.toString(), server.url() + "/api/v2/user/files?path=big.bin"));
    assertThat(get.exitCode()).as(get.toString()).isZero();
    assertThat(Files.size(back)).isEqualTo(GIB);
    assertThat(sha256(back)).isEqualTo(sent);
    Files.delete(back);
    assertThat(server.log()).doesNotContain("OutOfMemoryError");
  }

  private static String token() throws Exception {
    Launch.Result r = run(tmp, List.of("curl", "-sS", "--cacert", server.certificate().toString(), "--anyauth", "-u",
        "testuser:" + PW, server.url() + "/api/v2/user/token"));
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).path("access_token").asText();
    assertThat(token).as(r.out()).isNotEmpty();
    return token;
  }

  private static List<String> curl(String token, String... args) {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail-with-body", "--cacert",
        server.certificate().toString(), "-H", "Authorization: Bearer " + token));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs a client in {@code dir}; curl trusts the server's certificate through CURL_CA_BUNDLE. */
  private static Launch.Result run(Path dir, List<String> cmd) throws Exception {
    Path out = Files.createTempFile(tmp, "client", ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile());
    pb.environment().put("CURL_CA_BUNDLE", server.certificate().toString());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(cmd.get(0) + " did not finish in 10 minutes: " + Files.readString(out));
    }
    return new Launch.Result(p.exitValue(), Files.readString(out), "");
  }

  /** Writes {@code size} pseudo-random bytes; returns their SHA-256. */
  private static String writeRandom(Path file, long size) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    Random random = new Random(42);
    byte[] block = new byte[1024 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; left -= block.length) {
        random.nextBytes(block);
        int n = (int) Math.min(block.length, left);
        md.update(block, 0, n);
        out.write(block, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1024 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
