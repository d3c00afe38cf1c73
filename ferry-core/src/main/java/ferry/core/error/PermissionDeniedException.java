package ferry.core.error;

/** The caller is known but may not do this. */
public final class PermissionDeniedException extends FerryException {
  public PermissionDeniedException(String message) {
    super(message);
  }
}
