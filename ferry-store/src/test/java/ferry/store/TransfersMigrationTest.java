package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.page.PageRequest;
import ferry.core.transfer.TrackedFilter;
import ferry.core.transfer.TrackedTransfer;
import ferry.core.transfer.TransferStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V13 (issue 13): transfer records stored before get a public id and the status of their outcome. */
class TransfersMigrationTest {
  String url() {
    return TestDatabases.h2Memory();
  }

  void dispose(String url) {}

  @Test
  void recordsFromBeforeV13AreListedEnded() throws Exception {
    String url = url();
    try {
      Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("11").load().migrate();
      OffsetDateTime at = OffsetDateTime.parse("2026-01-02T03:04:05Z");
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement s = c.prepareStatement("""
              INSERT INTO transfers (src_vfs, src_path, dst_vfs, dst_path, bytes, duration_ms, ok, finished_at,
                                     username, protocol, direction)
              VALUES ('SFTP', '/a', 'home', '/a', 10, 1000, ?, ?, 'alice', 'SFTP', 'upload')""")) {
        for (boolean ok : List.of(true, false)) {
          s.setBoolean(1, ok);
          s.setObject(2, at);
          s.executeUpdate();
        }
      }
      try (Store store = Store.open(url, 2)) {
        List<TrackedTransfer> all = store.trackedTransfers().list(TrackedFilter.all(), new PageRequest(1, 10)).items();
        assertThat(all).extracting(TrackedTransfer::id)
            .containsExactly("00000000-0000-0000-0000-000000000002", "00000000-0000-0000-0000-000000000001");
        assertThat(all).extracting(TrackedTransfer::status)
            .containsExactly(TransferStatus.FAILED, TransferStatus.COMPLETED);
        assertThat(store.trackedTransfers().find(all.get(1).id()).orElseThrow().speed()).isEqualTo(10);
      }
    } finally {
      dispose(url);
    }
  }
}
