package ferry.pipeline;

import ferry.core.error.ValidationException;
import ferry.pipeline.definition.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 400 of a YAML that does not pass: the first problem as the message, and in the details the
 * field ("yaml"), the first problem's line, column and path, and every problem (contract 14).
 */
final class YamlProblems {
  /** At most this many problems are listed; a broken YAML can have thousands. */
  static final int MAX_LISTED = 100;

  private YamlProblems() {}

  static ValidationException invalid(List<Problem> problems) {
    Problem first = problems.getFirst();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("field", "yaml");
    details.put("line", first.line());
    details.put("column", first.column());
    details.put("path", first.field());
    details.put("problems", problems.stream().limit(MAX_LISTED).map(YamlProblems::json).toList());
    return new ValidationException(first.toString(), details);
  }

  /** One problem as the API shows it: {line, column, path, message}. */
  static Map<String, Object> json(Problem p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("line", p.line());
    m.put("column", p.column());
    m.put("path", p.field());
    m.put("message", p.message());
    return m;
  }
}
