package ferry.script;

/** Severity of a line a script writes to its job log. */
public enum LogLevel {
  DEBUG,
  INFO,
  WARN,
  ERROR
}
