package ferry.pipeline.run;

/**
 * What tells a running run to stop, checked between files and between steps: a cancel (the run
 * ends {@code cancelled}) or this node stopping (the run stays {@code running} with its work
 * directory, for a resume on restart or on another node).
 */
public interface RunControl {
  boolean cancelled();

  boolean stopping();

  /** A control that never stops the run. */
  static RunControl never() {
    return new RunControl() {
      @Override
      public boolean cancelled() {
        return false;
      }

      @Override
      public boolean stopping() {
        return false;
      }
    };
  }
}
