package ferry.core.error;

/** Root of the failures the core reports on purpose; each front end maps them to its protocol. */
public abstract sealed class FerryException extends RuntimeException
    permits ValidationException,
        NotFoundException,
        ConflictException,
        PermissionDeniedException,
        AuthenticationException,
        PayloadTooLargeException,
        UnavailableException,
        QuotaExceededException,
        RateLimitedException {

  protected FerryException(String message) {
    super(message);
  }

  protected FerryException(String message, Throwable cause) {
    super(message, cause);
  }
}
