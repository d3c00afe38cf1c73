package ferry.core.error;

/** The service cannot take the request now (shutting down, disabled). */
public final class UnavailableException extends FerryException {
  public UnavailableException(String message) {
    super(message);
  }
}
