package ferry.core.transfer;

import java.util.List;

/** Storage port for transfer records. */
public interface TransferRepository {
  void insert(TransferRecord record);

  /** The transfers of one job, in the order they ended. */
  List<TransferRecord> byJob(String jobId);
}
