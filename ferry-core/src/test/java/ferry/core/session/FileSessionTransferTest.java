package ferry.core.session;

import static ferry.core.session.SessionFixture.download;
import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.auth.Actor;
import ferry.core.auth.Role;
import ferry.core.error.NotFoundException;
import ferry.core.error.PermissionDeniedException;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.VPath;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FileSessionTransferTest {
  private final SessionFixture fx = new SessionFixture();
  private static final Actor ADMIN = new Actor("admin:admin", "127.0.0.1", Role.ADMIN);

  @Test
  void eachTransferWritesExactlyOneRecordWithItsDetails() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      upload(s, "/a.txt", "hello");
      assertThat(download(s, "/a.txt")).isEqualTo("hello");
      assertThat(fx.records).hasSize(2);
      TransferRecord up = fx.records.get(0);
      assertThat(up.direction()).isEqualTo("upload");
      assertThat(up.ok()).isTrue();
      assertThat(up.bytes()).isEqualTo(5);
      assertThat(up.username()).isEqualTo("bob");
      assertThat(up.protocol()).isEqualTo("SFTP");
      assertThat(up.path()).isEqualTo("/a.txt");
      assertThat(up.remoteAddr()).isEqualTo("10.0.0.7");
      assertThat(up.connId()).isEqualTo(s.id());
      assertThat(up.srcVfs()).isEqualTo("SFTP");
      assertThat(up.dstVfs()).isEqualTo("home");
      TransferRecord down = fx.records.get(1);
      assertThat(down.direction()).isEqualTo("download");
      assertThat(down.ok()).isTrue();
      assertThat(down.bytes()).isEqualTo(5);
    }
  }

  @Test
  void aWholeUploadAndAWholeDownloadAreRecordedWithTheFilesSha256() throws Exception {
    String hello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"; // SHA-256 of "hello"
    try (FileSession s = fx.open(user().build())) {
      upload(s, "/a.txt", "hello");
      download(s, "/a.txt");
    }
    assertThat(fx.records).extracting(TransferRecord::sha256).containsExactly(hello, hello);
  }

  @Test
  void aPartialDownloadAResumedUploadAndAFailedOneCarryNoSha256() throws Exception {
    put(fx.storage("home"), "/d", "0123456789");
    try (FileSession s = fx.open(user().build())) {
      try (FileSession.Download d = s.download("/d")) {
        d.read(4, new byte[6], 0, 6); // a client that starts in the middle
        d.read(0, new byte[4], 0, 4);
      }
      try (FileSession.Upload up = s.upload("/d", UploadMode.resumeAtEnd())) {
        up.write(up.position(), ByteBuffer.wrap(new byte[] {'x'}));
        up.commit();
      }
      try (FileSession.Upload cut = s.upload("/e", UploadMode.REPLACE)) {
        cut.write(0, ByteBuffer.wrap(new byte[] {'x'}));
      }
    }
    assertThat(fx.records).hasSize(3).allSatisfy(r -> assertThat(r.sha256()).isNull());
    assertThat(fx.records.get(1).ok()).isTrue();
  }

  @Test
  void failedAndAbandonedTransfersAreRecordedOnce() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      FileSession.Upload up = s.upload("/cut.bin", UploadMode.REPLACE);
      up.write(0, ByteBuffer.wrap(new byte[10]));
      up.abandon("client disconnected");
      up.close();
      up.close();
      assertThat(fx.storage("home").find(VPath.of("/cut.bin"))).isEmpty();
      FileSession.Upload notCommitted = s.upload("/nc.bin", UploadMode.REPLACE);
      notCommitted.close();
      assertThat(fx.records).hasSize(2);
      assertThat(fx.records.get(0).ok()).isFalse();
      assertThat(fx.records.get(0).error()).isEqualTo("client disconnected after 10 B");
      assertThat(fx.records.get(0).bytes()).isEqualTo(10);
      assertThat(fx.records.get(1).error()).contains("closed before it was completed");
    }
  }

  @Test
  void aDownloadThatFailsIsRecordedAsFailed() throws Exception {
    put(fx.storage("home"), "/gone", "data");
    try (FileSession s = fx.open(user().build())) {
      FileSession.Download d = s.download("/gone");
      fx.storage("home").remove(VPath.of("/gone"));
      assertThatThrownBy(() -> d.read(0, new byte[4], 0, 4)).isInstanceOf(NoSuchFileException.class);
      d.close();
      d.close();
      assertThat(fx.records).singleElement().satisfies(r -> {
        assertThat(r.ok()).isFalse();
        assertThat(r.error()).contains("/gone");
      });
    }
  }

  @Test
  void closingTheSessionEndsOpenTransfersAndRecordsThem() throws Exception {
    put(fx.storage("home"), "/d", "0123456789");
    FileSession s = fx.open(user().build());
    FileSession.Upload up = s.upload("/u", UploadMode.REPLACE);
    up.write(0, ByteBuffer.wrap(new byte[3]));
    FileSession.Download d = s.download("/d");
    d.read(0, new byte[4], 0, 4);
    s.close();
    assertThat(fx.records).hasSize(2).allSatisfy(r -> assertThat(r.ok()).isFalse());
    assertThat(fx.storage("home").find(VPath.of("/u"))).isEmpty();
    up.close();
    d.close();
    assertThat(fx.records).hasSize(2);
    assertThatThrownBy(() -> s.stat("/d")).hasMessageContaining("session closed");
  }

  @Test
  void aDownloadStillOpenWhenTheSessionEndsIsFailedWithHowFarItGot() throws Exception {
    put(fx.storage("home"), "/d", "0123456789");
    FileSession s = fx.open(user().build());
    FileSession.Download d = s.download("/d");
    d.read(0, new byte[4], 0, 4);
    s.end("the client disconnected");
    d.close(); // the front end's own teardown, after the session's
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.bytes()).isEqualTo(4);
      assertThat(r.error()).isEqualTo("the client disconnected after 4 B of 10 B");
    });
  }

  @Test
  void aDownloadTheFrontEndReportsCutShortIsFailedEvenAfterEveryByteWasRead() throws Exception {
    put(fx.storage("home"), "/d", "0123456789");
    try (FileSession s = fx.open(user().build())) {
      FileSession.Download d = s.download("/d");
      d.read(0, new byte[10], 0, 10);
      d.abandon("the client disconnected"); // read is not received: only the client's close says so
      d.close();
      d.abandon("too late");
    }
    FileSession s = fx.open(user().build());
    s.download("/d").read(0, new byte[10], 0, 10);
    s.close();
    assertThat(fx.records).extracting(TransferRecord::ok).containsExactly(false, false);
    assertThat(fx.records).extracting(TransferRecord::error)
        .containsExactly("the client disconnected after 10 B of 10 B", "the connection ended after 10 B of 10 B");
  }

  @Test
  void aDownloadTheClientClosesAfterReadingPartOfTheFileStaysOk() throws Exception {
    put(fx.storage("home"), "/d", "0123456789");
    try (FileSession s = fx.open(user().build())) {
      try (FileSession.Download d = s.download("/d")) {
        d.read(2, new byte[3], 0, 3);
      }
      s.end("the client disconnected");
    }
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.ok()).isTrue();
      assertThat(r.error()).isNull();
      assertThat(r.bytes()).isEqualTo(3);
    });
  }

  @Test
  void anUploadCutShortNamesHowMuchArrivedAndTheAnnouncedSize() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      FileSession.Upload up = s.upload("/scp.bin", UploadMode.REPLACE);
      up.expectSize(2048);
      up.write(0, ByteBuffer.wrap(new byte[1024]));
      s.end("the client disconnected");
      up.close();
    }
    assertThat(fx.records).singleElement().satisfies(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.error()).isEqualTo("the client disconnected after 1.0 KiB of 2.0 KiB");
    });
    assertThat(fx.storage("home").find(VPath.of("/scp.bin"))).isEmpty();
  }

  @Test
  void liveConnectionsShowTransfersAndCanBeClosedByAnAdmin() throws Exception {
    FileSession s = fx.open(user().build());
    AtomicBoolean frontEndClosed = new AtomicBoolean();
    fx.connections.onClose(s.id(), () -> frontEndClosed.set(true));
    FileSession.Upload up = s.upload("/big", UploadMode.REPLACE);
    up.write(0, ByteBuffer.wrap(new byte[42]));
    ConnectionInfo info = fx.connections.find(s.id()).orElseThrow();
    assertThat(info.username()).isEqualTo("bob");
    assertThat(info.protocol()).isEqualTo("SFTP");
    assertThat(info.remoteAddr()).isEqualTo("10.0.0.7");
    assertThat(info.transfers()).singleElement().satisfies(t -> {
      assertThat(t.path()).isEqualTo("/big");
      assertThat(t.direction()).isEqualTo("upload");
      assertThat(t.bytes()).isEqualTo(42);
    });
    assertThatThrownBy(() -> fx.connections.close(new Actor("key:x", "1.2.3.4", Role.JOBS), s.id()))
        .isInstanceOf(PermissionDeniedException.class);
    fx.connections.close(ADMIN, s.id());
    assertThat(frontEndClosed).isTrue();
    assertThat(fx.connections.list()).isEmpty();
    assertThat(fx.records).singleElement()
        .satisfies(r -> assertThat(r.error()).isEqualTo("an admin (admin:admin) closed the connection after 42 B"));
    assertThatThrownBy(() -> fx.connections.close(ADMIN, s.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void closeAllEndsEverySessionAndRecordsItsOpenTransfers() throws Exception {
    FileSession a = fx.open(user().build());
    var other = user();
    other.name = "alice";
    FileSession b = fx.open(other.build());
    a.upload("/a", UploadMode.REPLACE).write(0, ByteBuffer.wrap(new byte[1]));
    b.upload("/b", UploadMode.REPLACE);
    assertThat(fx.connections.list()).hasSize(2);
    fx.connections.closeAll();
    assertThat(fx.connections.list()).isEmpty();
    assertThat(fx.records).extracting(TransferRecord::error)
        .containsExactlyInAnyOrder("the server shut down after 1 B", "the server shut down after 0 B");
    assertThat(fx.storage("home").find(VPath.of("/a"))).isEmpty();
  }

  @Test
  void maxSessionsIsEnforcedPerUser() {
    var b = user();
    b.maxSessions = 2;
    SessionUser u = b.build();
    FileSession one = fx.open(u);
    FileSession two = fx.open(u);
    assertThatThrownBy(() -> fx.open(u))
        .isInstanceOf(PermissionDeniedException.class)
        .hasMessageContaining("too many sessions");
    var other = user();
    other.name = "alice";
    other.maxSessions = 1;
    fx.open(other.build()).close();
    one.close();
    fx.open(u).close();
    two.close();
    assertThat(fx.connections.list()).isEmpty();
  }

  @Test
  void bandwidthLimitsSlowTransfersDown() throws Exception {
    var b = user();
    b.upBw = 100;
    b.downBw = 100;
    try (FileSession s = fx.open(b.build())) {
      long start = System.nanoTime();
      upload(s, "/f", "x".repeat(30 * 1024));
      long upMs = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      try (FileSession.Download d = s.download("/f")) {
        byte[] buf = new byte[10 * 1024];
        long off = 0;
        int n;
        while ((n = d.read(off, buf, 0, buf.length)) > 0) {
          off += n;
        }
      }
      long downMs = (System.nanoTime() - start) / 1_000_000;
      // 30 KiB at 100 KiB/s take about 300 ms each way
      assertThat(upMs).isBetween(250L, 3000L);
      assertThat(downMs).isBetween(250L, 3000L);
    }
  }
}
