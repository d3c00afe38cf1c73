package ferry.core.transfer;

/**
 * Which tracked transfers to list; a null field does not filter.
 *
 * @param customer only those this customer may see ({@link TrackedTransfer#belongsTo}); null for an admin
 * @param status only in this status
 * @param agentId only this agent's
 */
public record TrackedFilter(String customer, TransferStatus status, String agentId) {
  public static TrackedFilter all() {
    return new TrackedFilter(null, null, null);
  }
}
