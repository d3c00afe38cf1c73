package ferry.store;

/** The databases Ferry runs on; they differ only in how a job is claimed. */
public enum SqlDialect {
  /** Embedded, one process: claims with a compare-and-set UPDATE. */
  H2,
  /** Shared by several nodes: claims with FOR UPDATE SKIP LOCKED. */
  POSTGRES;

  static SqlDialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRES;
    throw new IllegalArgumentException(
        "unsupported database URL '" + jdbcUrl + "': use jdbc:h2:... or jdbc:postgresql://...");
  }
}
