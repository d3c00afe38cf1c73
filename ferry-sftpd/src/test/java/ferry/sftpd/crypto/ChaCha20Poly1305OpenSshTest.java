package ferry.sftpd.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real OpenSSH {@code sftp} client against a MINA server whose only cipher is Ferry's
 * chacha20-poly1305: a put and a get of a file much larger than a packet, with a rekey every MiB
 * so that the cipher is re-initialised mid-transfer.
 */
class ChaCha20Poly1305OpenSshTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "chacha-Pass-1305";

  @TempDir Path tmp;
  private SshServer server;

  @BeforeEach
  void start() throws IOException {
    Files.createDirectories(tmp.resolve("root"));
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(tmp.resolve("host.key"));
    keys.setAlgorithm("EC");
    server.setKeyPairProvider(keys);
    server.setCipherFactories(List.of(FastCiphers.CHACHA20_POLY1305));
    server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
    server.setPublickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE);
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(tmp.resolve("root")));
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) server.stop(true);
  }

  @Test
  void openSshPutsAndGetsAFileOverFerrysCipherAcrossRekeys() throws Exception {
    byte[] data = new byte[12 * 1024 * 1024 + 4321];
    new Random(1305).nextBytes(data);
    Path local = Files.write(tmp.resolve("up.bin"), data);
    Path back = tmp.resolve("down.bin");
    Path batch = Files.writeString(tmp.resolve("batch"),
        "put " + local + " /up.bin\nget /up.bin " + back + "\nls -l /\n", StandardCharsets.UTF_8);

    Process p = new ProcessBuilder("sshpass", "-p", PASSWORD, "sftp", "-v", "-oBatchMode=no",
        "-oStrictHostKeyChecking=no", "-oUserKnownHostsFile=/dev/null", "-oRekeyLimit=1M",
        "-c", "chacha20-poly1305@openssh.com", "-P", String.valueOf(server.getPort()), "-b", batch.toString(),
        USER + "@127.0.0.1").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(out).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("cipher: chacha20-poly1305@openssh.com");
    assertThat(out.split("SSH2_MSG_NEWKEYS received", -1).length - 1).as(out).isGreaterThan(5);
    assertThat(Files.readAllBytes(tmp.resolve("root/up.bin"))).isEqualTo(data);
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
  }
}
