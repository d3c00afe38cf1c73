package ferry.core.schedule;

import ferry.core.error.ValidationException;
import java.util.Map;

/**
 * What a server firing found late does: {@link #SKIP} records it skipped when it is more than one
 * period late; {@link #RUN_ONCE} runs it once (missed firings never pile up: the scheduler plans
 * the next one from the time the run ends).
 */
public enum MisfirePolicy {
  SKIP("skip"),
  RUN_ONCE("run-once");

  public static final MisfirePolicy DEFAULT = RUN_ONCE;
  private final String wire;

  MisfirePolicy(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** @throws ValidationException naming field {@code misfirePolicy} */
  public static MisfirePolicy parse(String s) {
    for (MisfirePolicy p : values()) if (p.wire.equals(s)) return p;
    throw new ValidationException("misfirePolicy must be \"skip\" or \"run-once\", got \"" + s + "\"",
        Map.of("field", "misfirePolicy"));
  }
}
