package ferry.core.session;

import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.account.Permission;
import ferry.core.transfer.TransferRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Byte-range downloads, as the HTTP face answers {@code Range} requests (issue 12). */
class FileSessionRangeDownloadTest {
  private final SessionFixture fx = new SessionFixture();

  @BeforeEach
  void files() throws Exception {
    put(fx.storage("home"), "/digits.txt", "0123456789");
    put(fx.storage("home"), "/empty.txt", "");
  }

  private static String read(FileSession.Download d) throws IOException {
    try (InputStream in = d.stream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aRangeReadsExactlyItsBytesAndIsRecordedWithThem() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      FileSession.Download d = s.download("/digits.txt", 2, 5);
      assertThat(d.size()).isEqualTo(10);
      assertThat(d.offset()).isEqualTo(2);
      assertThat(d.length()).isEqualTo(5);
      assertThat(read(d)).isEqualTo("23456");
    }
    TransferRecord r = fx.records.getFirst();
    assertThat(fx.records).hasSize(1);
    assertThat(r.direction()).isEqualTo(TransferRecord.DOWNLOAD);
    assertThat(r.ok()).isTrue();
    assertThat(r.bytes()).isEqualTo(5);
    assertThat(r.sha256()).isNull(); // a sum of part of a file would mislead
  }

  @Test
  void aRangePastTheEndIsCutAtTheEnd() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      FileSession.Download d = s.download("/digits.txt", 7, Long.MAX_VALUE);
      assertThat(d.length()).isEqualTo(3);
      assertThat(read(d)).isEqualTo("789");
      FileSession.Download last = s.download("/digits.txt", 9, 100);
      assertThat(read(last)).isEqualTo("9");
    }
    assertThat(fx.records).extracting(TransferRecord::bytes).containsExactly(3L, 1L);
  }

  @Test
  void theWholeFileAsARangeHasItsSum() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      assertThat(read(s.download("/digits.txt", 0, 10))).isEqualTo("0123456789");
      assertThat(read(s.download("/digits.txt"))).isEqualTo("0123456789");
    }
    assertThat(fx.records).extracting(TransferRecord::sha256).doesNotContainNull().hasSize(2);
    assertThat(fx.records.get(0).sha256()).isEqualTo(fx.records.get(1).sha256());
  }

  @Test
  void positionalReadsStayInsideTheRange() throws Exception {
    try (FileSession s = fx.open(user().build()); FileSession.Download d = s.download("/digits.txt", 3, 4)) {
      byte[] buf = new byte[10];
      assertThat(d.read(5, buf, 0, 10)).isEqualTo(2); // 5 and 6, then the range ends
      assertThat(new String(buf, 0, 2, StandardCharsets.UTF_8)).isEqualTo("56");
      assertThat(d.read(7, buf, 0, 10)).isEqualTo(-1);
      assertThatThrownBy(() -> d.read(2, buf, 0, 1)).hasMessageContaining("before the range");
    }
  }

  @Test
  void aRangeStartingAtOrPastTheEndIsNotSatisfiable() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.download("/digits.txt", 10, 1))
          .isInstanceOfSatisfying(RangeNotSatisfiableException.class, e -> {
            assertThat(e.offset()).isEqualTo(10);
            assertThat(e.size()).isEqualTo(10);
          })
          .hasMessageContaining("range not satisfiable");
      assertThatThrownBy(() -> s.download("/empty.txt", 0, 1)).isInstanceOf(RangeNotSatisfiableException.class);
      assertThat(read(s.download("/empty.txt"))).isEmpty(); // the whole empty file is fine
    }
    assertThat(fx.records).extracting(TransferRecord::ok).containsExactly(false, false, true);
    assertThat(fx.records.getFirst().error()).contains("range not satisfiable");
  }

  @Test
  void aMalformedRangeIsRefusedBeforeAnything() throws Exception {
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.download("/digits.txt", -1, 5)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> s.download("/digits.txt", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(fx.records).isEmpty();
  }

  @Test
  void aRangeNeedsWhatADownloadNeeds() throws Exception {
    try (FileSession s = fx.open(user().perms("/", Permission.LIST).build())) {
      assertThatThrownBy(() -> s.download("/digits.txt", 0, 1)).isInstanceOf(AccessDeniedException.class);
    }
    try (FileSession s = fx.open(user().build())) {
      assertThatThrownBy(() -> s.download("/none.txt", 0, 1)).isInstanceOf(NoSuchFileException.class);
    }
  }
}
