package ferry.core.error;

/** A named object does not exist. */
public final class NotFoundException extends FerryException {
  public NotFoundException(String message) {
    super(message);
  }
}
