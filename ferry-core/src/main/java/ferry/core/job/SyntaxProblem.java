package ferry.core.job;

/** Where a script's source fails to parse. */
public record SyntaxProblem(int line, int column, String message) {}
