package ferry.core.account;

/**
 * The reference API's {@code GroupMapping}: a user's membership in a group.
 *
 * @param name the group
 * @param type {@link #PRIMARY}, {@link #SECONDARY} or {@link #MEMBERSHIP}
 */
public record GroupMapping(String name, int type) {
  /** Settings are inherited: fills what the user leaves unset. */
  public static final int PRIMARY = 1;
  /** Contributes virtual folders, sub-path permissions and filters only. */
  public static final int SECONDARY = 2;
  /** Membership only, nothing is inherited. */
  public static final int MEMBERSHIP = 3;
}
