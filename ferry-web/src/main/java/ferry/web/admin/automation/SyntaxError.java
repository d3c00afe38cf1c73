package ferry.web.admin.automation;

import ferry.core.error.ValidationException;
import ferry.web.frame.Messages;

/** A script's parse error where the core's check found it (1-based line and column). */
public record SyntaxError(int line, int column, String message) {
  /** The syntax error a refusal names, or null when it was refused for something else. */
  static SyntaxError of(ValidationException e, Messages m) {
    Object line = e.details().get("line");
    Object column = e.details().get("column");
    if (!(line instanceof Number l) || !(column instanceof Number c)) return null;
    String msg = e.getMessage();
    int colon = msg.indexOf(": ");
    return new SyntaxError(l.intValue(), c.intValue(), colon < 0 ? msg : msg.substring(colon + 2));
  }

  /** "line 3, column 7: ..." in the page's language. */
  public String text(Messages m) {
    return m.t("automation.scripts.syntax_error", String.valueOf(line), String.valueOf(column), message);
  }
}
