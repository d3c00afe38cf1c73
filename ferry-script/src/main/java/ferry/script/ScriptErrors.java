package ferry.script;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** Turns GraalJS exceptions into the messages a job log and a job status show. */
final class ScriptErrors {
  private ScriptErrors() {}

  /** The first syntax error, with the location taken out of GraalJS's message. */
  static SyntaxProblem syntaxProblem(PolyglotException e, String name) {
    SourceSection at = e.getSourceLocation();
    String message = stripSyntaxPrefix(firstLine(e.getMessage()), name);
    return at == null
        ? new SyntaxProblem(1, 1, message)
        : new SyntaxProblem(at.getStartLine(), at.getStartColumn(), message);
  }

  /**
   * One line: the JavaScript message and where it was thrown, e.g. {@code TypeError: Cannot read
   * property 'x' of null (at job.js:2:3)}.
   */
  static String describe(PolyglotException e, String name) {
    if (e.isSyntaxError()) {
      SyntaxProblem problem = syntaxProblem(e, name);
      return "SyntaxError: "
          + problem.message()
          + " (at "
          + name
          + ":"
          + problem.line()
          + ":"
          + problem.column()
          + ")";
    }
    String message = firstLine(e.getMessage());
    if (message.isBlank()) {
      message = "uncaught exception";
    }
    SourceSection at = e.getSourceLocation();
    if (at == null) {
      // A thrown Error object carries no location itself; its top script frame has one.
      at = topGuestFrame(e);
    }
    return at == null ? message : message + " (at " + location(at) + ")";
  }

  /** {@code oneLine} followed by the script's stack when the error came from a nested call. */
  static String withStack(PolyglotException e, String oneLine) {
    List<String> frames = new ArrayList<>();
    for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
      SourceSection at = frame.getSourceLocation();
      if (frame.isGuestFrame() && at != null) {
        String function = frame.getRootName();
        boolean topLevel = function == null || function.isEmpty() || function.startsWith(":");
        frames.add("    at " + (topLevel ? "<script>" : function) + " (" + location(at) + ")");
      }
    }
    return frames.size() < 2 ? oneLine : oneLine + "\n" + String.join("\n", frames);
  }

  private static SourceSection topGuestFrame(PolyglotException e) {
    for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
      if (frame.isGuestFrame() && frame.getSourceLocation() != null) {
        return frame.getSourceLocation();
      }
    }
    return null;
  }

  private static String location(SourceSection at) {
    return at.getSource().getName() + ":" + at.getStartLine() + ":" + at.getStartColumn();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return (end < 0 ? message : message.substring(0, end)).trim();
  }

  // GraalJS writes "SyntaxError: <name>:<line>:<0-based column> <message>".
  private static String stripSyntaxPrefix(String message, String name) {
    return message.replaceFirst("^(SyntaxError: )?" + Pattern.quote(name) + ":\\d+:\\d+\\s*", "");
  }
}
