package ferry.cli;

/**
 * A failure the user can act on: its message is printed to stderr as is, without a stack trace, and
 * the command exits with {@link #exitCode()}.
 */
class CliException extends RuntimeException {
  static final int FAILURE = 1;

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }

  int exitCode() {
    return FAILURE;
  }
}
