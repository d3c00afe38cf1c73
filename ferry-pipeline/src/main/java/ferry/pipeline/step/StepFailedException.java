package ferry.pipeline.step;

/** A step that ran and refused its input, with a message for the run's error and log (no secrets). */
public final class StepFailedException extends java.io.IOException {
  private final boolean retryable;

  public StepFailedException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** Whether trying again may succeed (a webhook's 503), as opposed to a bad signature. */
  public boolean retryable() {
    return retryable;
  }
}
