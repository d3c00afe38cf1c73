package ferry.core.error;

/** The operation would take an account or folder past its size or file-count quota. */
public final class QuotaExceededException extends FerryException {
  public QuotaExceededException(String message) {
    super(message);
  }
}
