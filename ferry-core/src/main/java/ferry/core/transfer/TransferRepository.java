package ferry.core.transfer;

import ferry.core.page.Page;
import java.util.List;

/** Storage port for transfer records. */
public interface TransferRepository {
  /** Stores one record. */
  void insert(TransferRecord record);

  /** Stores several records, all or none. */
  default void insertAll(List<TransferRecord> records) {
    records.forEach(this::insert);
  }

  /** The transfers of one job, in the order they ended. */
  List<TransferRecord> byJob(String jobId);

  /**
   * Lists records matching {@code filter}, newest first.
   *
   * @param filter which records; null fields do not filter
   * @param limit at most this many
   * @param offset skipping this many first
   * @return the page, with the total count of matching records
   */
  Page<TransferRecord> list(TransferFilter filter, int limit, int offset);
}
