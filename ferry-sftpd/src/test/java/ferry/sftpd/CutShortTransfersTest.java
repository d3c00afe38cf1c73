package ferry.sftpd;

import static ferry.sftpd.Clients.random;
import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.account.Permission;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.VPath;
import ferry.vfs.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transfers the connection cuts short are failed transfers whose reason says how far they got
 * (issue 11): a handle still open when the session ends never counts as done.
 */
class CutShortTransfersTest {
  static final String BOB = "bob";
  static final String PASSWORD = "Secret-pw-1";
  static final int SIZE = 1024 * 1024;

  @TempDir static Path tmp;
  static Fixture fx;

  @BeforeAll
  static void start() {
    fx = new Fixture(tmp.resolve("ssh"));
    fx.addUser(BOB, PASSWORD, List.of(), Fixture.perms(Permission.ALL), 0);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  @BeforeEach
  void reset() throws IOException {
    fx.records.clear();
    try (var up = fx.storage(BOB).openWrite(VPath.of("/big.bin"), WriteOptions.replace())) {
      up.write(ByteBuffer.wrap(random(SIZE)));
      up.commit();
    }
  }

  @Test
  void aDownloadWhoseClientVanishesWithTheHandleOpenIsFailedWithHowFarItGot() throws Exception {
    ClientSession s = fx.login(BOB, PASSWORD);
    SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
    SftpClient.CloseableHandle h = sftp.open("/big.bin", EnumSet.of(SftpClient.OpenMode.Read));
    assertThat(sftp.read(h, 0, new byte[32_768], 0, 32_768)).isEqualTo(32_768);
    s.close(true); // the client is killed: no CLOSE for the handle

    TransferRecord r = waitForRecord();
    assertThat(r.direction()).isEqualTo("download");
    assertThat(r.ok()).as("a download cut short is not a successful transfer").isFalse();
    assertThat(r.bytes()).isEqualTo(32_768);
    assertThat(r.error()).isEqualTo("the client disconnected after 32.0 KiB of 1.0 MiB");
  }

  @Test
  void aDownloadLeftOpenWhenTheClientEndsTheSftpChannelIsFailed() throws Exception {
    try (ClientSession s = fx.login(BOB, PASSWORD)) {
      SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
      SftpClient.CloseableHandle h = sftp.open("/big.bin", EnumSet.of(SftpClient.OpenMode.Read));
      assertThat(sftp.read(h, 0, new byte[32_768], 0, 32_768)).isEqualTo(32_768);
      sftp.getClientChannel().close(false); // the SFTP session ends, the SSH connection stays

      TransferRecord r = waitForRecord();
      assertThat(r.ok()).as("a download cut short is not a successful transfer").isFalse();
      assertThat(r.error()).isEqualTo("the client disconnected after 32.0 KiB of 1.0 MiB");
    }
  }

  @Test
  void aDownloadTheClientClosesAfterReadingPartOfTheFileStaysOk() throws Exception {
    try (ClientSession s = fx.login(BOB, PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
      try (SftpClient.CloseableHandle h = sftp.open("/big.bin", EnumSet.of(SftpClient.OpenMode.Read))) {
        sftp.read(h, 4096, new byte[1000], 0, 1000); // a range, on purpose
      }
      TransferRecord r = waitForRecord();
      assertThat(r.ok()).isTrue();
      assertThat(r.bytes()).isEqualTo(1000);
    }
  }

  @Test
  void anUploadWhoseClientVanishesIsFailedWithHowMuchArrived() throws Exception {
    ClientSession s = fx.login(BOB, PASSWORD);
    SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
    SftpClient.CloseableHandle h =
        sftp.open("/cut.bin", EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create));
    sftp.write(h, 0, random(65_536));
    s.close(true);

    TransferRecord r = waitForRecord();
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("the client disconnected after 64.0 KiB");
    assertThat(fx.storage(BOB).find(VPath.of("/cut.bin"))).isEmpty();
  }

  @Test
  void anScpDownloadCutMidFileIsFailed() throws Exception {
    ClientSession s = fx.login(BOB, PASSWORD);
    // a window far smaller than the file: the server cannot have sent it all when the client cuts
    org.apache.sshd.core.CoreModuleProperties.WINDOW_SIZE.set(s, 32L * 1024);
    ChannelExec scp = s.createExecChannel("scp -f /big.bin");
    scp.open().verify(Duration.ofSeconds(10));
    OutputStream toServer = scp.getInvertedIn();
    InputStream fromServer = scp.getInvertedOut();
    toServer.write(0); // ready
    toServer.flush();
    assertThat(readLine(fromServer)).startsWith("C").endsWith(" " + SIZE + " big.bin");
    toServer.write(0); // send the file
    toServer.flush();
    assertThat(fromServer.readNBytes(1000)).hasSize(1000);
    s.close(true);

    TransferRecord r = waitForRecord();
    assertThat(r.protocol()).isEqualTo("SCP");
    assertThat(r.ok()).as("an SCP download cut mid-file is not a successful transfer").isFalse();
    assertThat(r.error()).startsWith("the client disconnected after ").endsWith(" of 1.0 MiB");
  }

  @Test
  void anScpUploadCutMidFileIsFailedAndPublishesNothing() throws Exception {
    ClientSession s = fx.login(BOB, PASSWORD);
    ChannelExec scp = s.createExecChannel("scp -t /scp-cut.bin");
    scp.open().verify(Duration.ofSeconds(10));
    OutputStream toServer = scp.getInvertedIn();
    InputStream fromServer = scp.getInvertedOut();
    assertThat(fromServer.read()).isZero();
    toServer.write(("C0644 " + SIZE + " scp-cut.bin\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
    assertThat(fromServer.read()).isZero();
    toServer.write(random(2048));
    toServer.flush();
    waitForBytesOnTheLiveList(2048);
    s.close(true);

    TransferRecord r = waitForRecord();
    assertThat(r.protocol()).isEqualTo("SCP");
    assertThat(r.ok()).isFalse();
    assertThat(r.error()).isEqualTo("the client disconnected after 2.0 KiB of 1.0 MiB");
    assertThat(fx.storage(BOB).find(VPath.of("/scp-cut.bin"))).isEmpty();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      assertThat(c).as("end of stream before a line ended: " + b).isNotNegative();
      b.append((char) c);
    }
    return b.toString();
  }

  private static void waitForBytesOnTheLiveList(long bytes) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < end) {
      boolean arrived = fx.connections.list().stream()
          .flatMap(c -> c.transfers().stream())
          .anyMatch(t -> t.bytes() >= bytes);
      if (arrived) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server never showed " + bytes + " bytes of the upload");
  }

  private static TransferRecord waitForRecord() throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (fx.records.isEmpty() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(fx.records).hasSize(1);
    return fx.records.get(0);
  }
}
