package ferry.core.error;

/** The caller could not be identified: unknown, revoked or expired credentials. */
public final class AuthenticationException extends FerryException {
  public AuthenticationException(String message) {
    super(message);
  }
}
