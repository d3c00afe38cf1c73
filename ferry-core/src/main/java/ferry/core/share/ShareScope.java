package ferry.core.share;

import ferry.core.error.ValidationException;

/**
 * What a share lets its visitors do; {@link #wire()} is the reference's {@code ShareScope} number.
 * The reference lists 1 and 2; 3 (read and write) is what issue 12 adds on top.
 */
public enum ShareScope {
  READ(1),
  WRITE(2),
  READ_WRITE(3);

  private final int wire;

  ShareScope(int wire) {
    this.wire = wire;
  }

  /** The number the API uses. */
  public int wire() {
    return wire;
  }

  /** Whether visitors may download and browse. */
  public boolean reads() {
    return this != WRITE;
  }

  /** Whether visitors may upload. */
  public boolean writes() {
    return this != READ;
  }

  /** The scope the API number names. */
  public static ShareScope of(int wire) {
    for (ShareScope s : values()) if (s.wire == wire) return s;
    throw new ValidationException("scope: " + wire + " is not a share scope (1 read, 2 write, 3 read and write)");
  }
}
