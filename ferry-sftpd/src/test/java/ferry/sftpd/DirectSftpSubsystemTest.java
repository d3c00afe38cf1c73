package ferry.sftpd;

import static ferry.sftpd.Clients.random;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ferry.core.account.Permission;
import ferry.core.folder.StorageTarget;
import ferry.core.session.SessionUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Requests on local storage are answered on the SSH I/O threads, everything else on the channel's
 * SFTP thread; neither path may block the I/O threads, even for a client that stops reading.
 */
class DirectSftpSubsystemTest {
  static final String LOCAL = "local-user";
  static final String REMOTE = "mem-user";
  static final String PASSWORD = "Secret-pw-1";

  @TempDir static Path tmp;
  static Path home;
  static Fixture fx;

  @BeforeAll
  static void start() throws Exception {
    home = Files.createDirectories(tmp.resolve("home"));
    // one I/O thread: a request that blocked it would stall every other session
    fx = new Fixture(tmp.resolve("ssh"), 1);
    StorageTarget local = new StorageTarget("local", Map.of("root", home.toString()));
    fx.addUser(LOCAL, PASSWORD, List.of(), Map.of("/", Fixture.perms(Permission.ALL)), 0,
        List.of(new SessionUser.Mount("/", null, local, 0, 0)));
    fx.addUser(REMOTE, PASSWORD, List.of(), Fixture.perms(Permission.ALL), 0);
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static ClientSession login(String user) throws IOException {
    return fx.login(user, PASSWORD);
  }

  @Test
  void bytesSurviveBothPathsWhileReadsOutrunTheWindow() throws IOException {
    byte[] data = random(24 * 1024 * 1024);
    for (String user : List.of(LOCAL, REMOTE)) {
      try (ClientSession s = login(user);
          SftpClient sftp = SftpClientFactory.instance().createSftpClient(s)) {
        try (OutputStream out = sftp.write("/big.bin")) {
          out.write(data);
        }
        // MINA's client keeps many READs in flight: their replies pass the 2 MiB window, so the
        // session switches between inline answers and its SFTP thread mid-file
        try (InputStream in = sftp.read("/big.bin", 64 * 1024)) {
          assertThat(in.readAllBytes()).as(user).isEqualTo(data);
        }
        sftp.remove("/big.bin");
      }
    }
  }

  @Test
  void aClientThatStopsReadingDoesNotStallOtherSessions() throws Exception {
    Files.write(home.resolve("stuck.bin"), random(8 * 1024 * 1024));
    try (ClientSession stuck = login(LOCAL);
        ChannelSubsystem channel = stuck.createSubsystemChannel(SftpConstants.SFTP_SUBSYSTEM_NAME)) {
      requestReadsNeverRead(channel, "/stuck.bin");
      Thread.sleep(500);

      long started = System.nanoTime();
      try (ClientSession other = login(LOCAL);
          SftpClient sftp = SftpClientFactory.instance().createSftpClient(other)) {
        try (OutputStream out = sftp.write("/other.txt")) {
          out.write("still served".getBytes(StandardCharsets.UTF_8));
        }
        try (InputStream in = sftp.read("/other.txt")) {
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("still served");
        }
      }
      // MINA gives up on a stuck reply stream after 30 s; the other session must not wait for that
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
    }
  }

  @Test
  void aClientThatLeavesMidDownloadEndsItsSftpSessionWithoutAnError() throws Exception {
    Files.write(home.resolve("left.bin"), random(8 * 1024 * 1024));
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger subsystem = (Logger) LoggerFactory.getLogger(DirectSftpSubsystem.class);
    subsystem.addAppender(logged);
    try {
      ClientSession leaving = login(LOCAL);
      ChannelSubsystem channel = leaving.createSubsystemChannel(SftpConstants.SFTP_SUBSYSTEM_NAME);
      requestReadsNeverRead(channel, "/left.bin");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (channel.getLocalWindow().getSize() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20); // until the server has filled the window and holds replies it cannot send
      }
      assertThat(channel.getLocalWindow().getSize()).as("the server holds replies it cannot send").isZero();
      assertThat(downloading("/left.bin")).as("the download is in progress").isTrue();
      leaving.close(false);
      // the session ends when the subsystem does; whether the subsystem saw the close before a write
      // failed is a race (silent end, or one INFO line), but it never logs an error or a stack
      long ended = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (downloading("/left.bin") && System.nanoTime() < ended) {
        Thread.sleep(20);
      }
      assertThat(downloading("/left.bin")).as("the left session ended").isFalse();
      assertThat(logged.list).filteredOn(e -> e.getLoggerName().equals(DirectSftpSubsystem.class.getName()))
          .allMatch(e -> e.getLevel() == Level.INFO && e.getThrowableProxy() == null);
    } finally {
      subsystem.detachAppender(logged);
    }
  }

  /** Whether a live session still has a transfer of {@code path} in progress. */
  private static boolean downloading(String path) {
    return fx.connections.list().stream().anyMatch(c -> c.transfers().stream().anyMatch(t -> t.path().equals(path)));
  }

  /** Opens {@code path} over a raw SFTP channel and asks for 8 MiB of it, never reading the replies. */
  private static void requestReadsNeverRead(ChannelSubsystem channel, String path) throws IOException {
    channel.open().verify(Duration.ofSeconds(10));
    OutputStream requests = channel.getInvertedIn();
    InputStream replies = channel.getInvertedOut();
    ByteArrayBuffer init = packet(SftpConstants.SSH_FXP_INIT);
    init.putUInt(3);
    send(requests, init);
    readPacket(replies); // VERSION
    ByteArrayBuffer open = packet(SftpConstants.SSH_FXP_OPEN);
    open.putUInt(1);
    open.putString(path);
    open.putUInt(SftpConstants.SSH_FXF_READ);
    open.putUInt(0); // no attributes
    send(requests, open);
    ByteArrayBuffer handleReply = readPacket(replies);
    assertThat(handleReply.getUByte()).isEqualTo(SftpConstants.SSH_FXP_HANDLE);
    handleReply.getUInt();
    byte[] handle = handleReply.getBytes();
    // the client's window stays shut
    for (int i = 0; i < 128; i++) {
      ByteArrayBuffer read = packet(SftpConstants.SSH_FXP_READ);
      read.putUInt(10 + i);
      read.putBytes(handle);
      read.putLong(i * 65536L);
      read.putUInt(65536);
      send(requests, read);
    }
  }

  @Test
  void slowPasswordChecksDoNotStallTheIoThread() throws Exception {
    try (ClientSession open = login(LOCAL);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(open)) {
      fx.users.passwordDelay = Duration.ofSeconds(3);
      Thread slowLogin = Thread.ofVirtual().start(() -> {
        try (ClientSession s = login(LOCAL)) {
          s.getSessionId();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Thread.sleep(500); // the second login is now in its password check
      long started = System.nanoTime();
      sftp.mkdir("/during-login");
      sftp.rmdir("/during-login");
      assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
      slowLogin.join();
    } finally {
      fx.users.passwordDelay = Duration.ZERO;
    }
  }

  private static ByteArrayBuffer packet(int type) {
    ByteArrayBuffer b = new ByteArrayBuffer();
    b.putUInt(0); // length, filled in by send
    b.putByte((byte) type);
    return b;
  }

  private static void send(OutputStream out, ByteArrayBuffer packet) throws IOException {
    int length = packet.available() - Integer.BYTES;
    int end = packet.wpos();
    packet.wpos(0);
    packet.putUInt(length);
    packet.wpos(end);
    out.write(packet.array(), packet.rpos(), packet.available());
    out.flush();
  }

  private static ByteArrayBuffer readPacket(InputStream in) throws IOException {
    byte[] len = in.readNBytes(4);
    int length = ((len[0] & 0xff) << 24) | ((len[1] & 0xff) << 16) | ((len[2] & 0xff) << 8) | (len[3] & 0xff);
    return new ByteArrayBuffer(in.readNBytes(length));
  }
}
