package ferry.core.error;

/** The request body exceeds the configured limit. */
public final class PayloadTooLargeException extends FerryException {
  public PayloadTooLargeException(String message) {
    super(message);
  }
}
