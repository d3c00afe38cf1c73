package ferry.core.settings;

/** Settings admins change at run time; they live in the database, shared by every node. */
public record Settings(boolean allowCliRun) {
  public static final boolean DEFAULT_ALLOW_CLI_RUN = false;
}
