package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.page.Page;
import ferry.core.transfer.TransferFilter;
import ferry.core.transfer.TransferRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transfer log on every supported database; subclassed for H2 and PostgreSQL. */
abstract class TransferStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123Z");
  Store store;

  abstract String url();

  void dispose() {}

  @BeforeEach
  void open() {
    store = Store.open(url(), 4);
  }

  @AfterEach
  void close() {
    store.close();
    dispose();
  }

  private static TransferRecord session(String user, String proto, String dir, String path, boolean ok, int i) {
    String side = dir.equals(TransferRecord.UPLOAD) ? proto : "home";
    return new TransferRecord(null, side, path, side.equals(proto) ? "home" : proto, path, 100L * i,
        Duration.ofMillis(i), null, ok, ok ? null : "quota exceeded", T0.plusSeconds(i), user, proto, dir, path,
        "10.0.0." + i, "sftp_" + i);
  }

  @Test
  void sessionTransfersRoundTripWithEveryField() {
    TransferRecord r = session("bob", "SFTP", TransferRecord.UPLOAD, "/in/a.txt", false, 3);
    store.transfers().insert(r);
    Page<TransferRecord> page = store.transfers().list(TransferFilter.all(), 10, 0);
    assertThat(page.total()).isEqualTo(1);
    assertThat(page.items()).containsExactly(r);
  }

  @Test
  void listFiltersByUserProtocolAndOutcomeNewestFirst() {
    store.transfers().insert(session("bob", "SFTP", TransferRecord.UPLOAD, "/1", true, 1));
    store.transfers().insert(session("alice", "SFTP", TransferRecord.DOWNLOAD, "/2", true, 2));
    store.transfers().insert(session("bob", "SCP", TransferRecord.DOWNLOAD, "/3", false, 3));
    store.transfers().insert(session("bob", "SFTP", TransferRecord.DOWNLOAD, "/4", false, 4));
    store.transfers().insert(TransferRecord.job("job1", "a", "/x", "b", "/y", 1, Duration.ZERO, null, true,
        null, T0));

    assertThat(store.transfers().list(TransferFilter.all(), 10, 0).items()).extracting(TransferRecord::srcPath)
        .containsExactly("/x", "/4", "/3", "/2", "/1");
    assertThat(store.transfers().list(new TransferFilter("bob", null, null), 10, 0).items())
        .extracting(TransferRecord::path).containsExactly("/4", "/3", "/1");
    assertThat(store.transfers().list(new TransferFilter("bob", "SFTP", null), 10, 0).items())
        .extracting(TransferRecord::path).containsExactly("/4", "/1");
    assertThat(store.transfers().list(new TransferFilter(null, null, false), 10, 0).items())
        .extracting(TransferRecord::path).containsExactly("/4", "/3");
    Page<TransferRecord> second = store.transfers().list(new TransferFilter("bob", null, null), 2, 2);
    assertThat(second.items()).extracting(TransferRecord::path).containsExactly("/1");
    assertThat(second.total()).isEqualTo(3);
  }

  @Test
  void listFiltersByTheTimeTheTransferEndedFromInclusiveToExclusive() {
    for (int i = 1; i <= 4; i++) store.transfers().insert(session("bob", "SFTP", TransferRecord.UPLOAD, "/" + i, true, i));
    TransferFilter range = new TransferFilter(null, null, null, T0.plusSeconds(2), T0.plusSeconds(4));
    Page<TransferRecord> p = store.transfers().list(range, 10, 0);
    assertThat(p.items()).extracting(TransferRecord::path).containsExactly("/3", "/2");
    assertThat(p.total()).isEqualTo(2);
    assertThat(store.transfers().list(new TransferFilter("bob", null, true, T0.plusSeconds(4), null), 10, 0).items())
        .extracting(TransferRecord::path).containsExactly("/4");
  }

  @Test
  void jobTransfersStillWorkAndHaveNoSessionFields() {
    TransferRecord r = TransferRecord.job("job1", "src", "/a", "dst", "/b", 7, Duration.ofMillis(5), "ab",
        true, null, T0);
    store.transfers().insert(r);
    assertThat(store.transfers().byJob("job1")).containsExactly(r);
    assertThat(store.transfers().byJob("job1").get(0).username()).isNull();
  }

  @Test
  void insertAllStoresABatchWithNullsAndLongErrorsCut() {
    java.util.List<TransferRecord> batch = new java.util.ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      batch.add(session(i % 2 == 0 ? "bob" : "alice", "SFTP", TransferRecord.UPLOAD, "/b/" + i, true, i));
    }
    TransferRecord failed = new TransferRecord(null, "SFTP", "/long", "home", "/long", 0, Duration.ZERO, null,
        false, "x".repeat(5000), T0, "bob", "SFTP", TransferRecord.UPLOAD, "/long", null, null);
    batch.add(failed);
    store.transfers().insertAll(batch);
    assertThat(store.transfers().list(TransferFilter.all(), 1, 0).total()).isEqualTo(301);
    assertThat(store.transfers().list(new TransferFilter("bob", null, null), 500, 0).items())
        .hasSize(151)
        .anySatisfy(r -> assertThat(r.error()).hasSize(4000));
    store.transfers().insertAll(java.util.List.of());
    assertThat(store.transfers().list(TransferFilter.all(), 1, 0).total()).isEqualTo(301);
  }
}
