package ferry.core.transfer;

import java.util.Set;

/**
 * What an agent announces before it moves a file ({@code POST /api/transfers}), checked field by
 * field.
 *
 * @param id the client's UUID, so that a retried create finds the first one; null for a new id
 * @param direction {@link #PULL} (remote to the agent) or {@link #PUSH}
 * @param size the bytes to move when known, else null
 * @param jobId the scheduled job it belongs to, or null
 * @param runId the job run it belongs to, or null
 */
public record NewTransfer(String id, String sourceUrl, String destinationPath, String direction, String protocol,
    Long size, String jobId, String runId) {
  public static final String PULL = "pull";
  public static final String PUSH = "push";
  private static final Set<String> DIRECTIONS = Set.of(PULL, PUSH);
  private static final int MAX_ID = 36;

  public NewTransfer {
    id = id == null ? null : TransferIds.parse(id, "id");
    TransferFields.required("sourceUrl", sourceUrl, TransferFields.MAX_TEXT);
    TransferFields.required("destinationPath", destinationPath, TransferFields.MAX_TEXT);
    if (!DIRECTIONS.contains(direction))
      throw TransferFields.invalid("direction", "direction must be pull or push, got " + direction);
    TransferFields.protocol(protocol);
    TransferFields.notNegative("size", size);
    TransferFields.optional("jobId", jobId, MAX_ID);
    TransferFields.optional("runId", runId, MAX_ID);
  }
}
