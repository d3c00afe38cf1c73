package ferry.core.error;

/** The request clashes with the current state (a taken name, a job that already ended). */
public final class ConflictException extends FerryException {
  public ConflictException(String message) {
    super(message);
  }
}
