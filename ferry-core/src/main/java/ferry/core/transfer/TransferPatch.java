package ferry.core.transfer;

/**
 * An agent's update of its transfer ({@code PATCH /api/transfers/{id}}); null fields stay as they
 * are. The ranges are checked here, the rules that depend on the stored transfer in {@link
 * TrackedTransfer#apply}.
 *
 * @param progress percent, 0 to 100
 * @param speed bytes per second
 */
public record TransferPatch(TransferStatus status, Long progress, Long bytesTransferred, Long speed,
    String sha256, String error) {
  public TransferPatch {
    if (progress != null && (progress < 0 || progress > 100))
      throw TransferFields.invalid("progress", "progress must be between 0 and 100, got " + progress);
    TransferFields.notNegative("bytesTransferred", bytesTransferred);
    TransferFields.notNegative("speed", speed);
    TransferFields.sha256(sha256);
    TransferFields.optional("error", error, TransferFields.MAX_TEXT);
  }

  /** Only a new status. */
  public static TransferPatch status(TransferStatus status) {
    return new TransferPatch(status, null, null, null, null, null);
  }
}
