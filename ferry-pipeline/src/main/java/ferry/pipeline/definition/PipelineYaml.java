package ferry.pipeline.definition;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a pipeline's YAML: parses it safely (YAML 1.2, plain maps, lists and scalars, alias and
 * size limits), validates it against the JSON Schema with every problem at the line and column
 * the user wrote, then checks the names it uses (VFS entries, users, secrets, scripts) and the
 * values a schema cannot (cron, time zone, regex, templates).
 */
public final class PipelineYaml {
  /** Problems reported at most; past them one more problem says how many were left out. */
  public static final int MAX_PROBLEMS = 50;

  private PipelineYaml() {}

  /** The outcome: the definition when {@code problems} is empty, else null. */
  public record Checked(PipelineDefinition definition, List<Problem> problems) {
    public Checked {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  /**
   * Parses and checks {@code yaml} for an owner who may use what {@code names} allows.
   *
   * @return the definition, or every problem found (syntax errors stop at the first)
   */
  public static Checked check(String yaml, PipelineNames names) {
    requireNonNull(yaml, "No yaml");
    requireNonNull(names, "No names");
    YamlTree tree;
    try {
      tree = YamlTree.parse(yaml);
    } catch (YamlTree.Refused e) {
      return new Checked(null, List.of(e.problem));
    }
    if (!tree.root().isObject())
      return new Checked(null, List.of(tree.problem("", "a pipeline is a mapping with source, steps, destination, trigger")));
    List<Problem> problems = new ArrayList<>(SchemaCheck.check(tree));
    // a value the schema already refused is not refused twice
    for (Problem p : Semantics.check(tree, names))
      if (problems.stream().noneMatch(s -> p.field().equals(s.field())
          || !s.field().isEmpty() && p.field().startsWith(s.field() + "/")))
        problems.add(p);
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
      if (problems.size() > MAX_PROBLEMS) {
        int more = problems.size() - MAX_PROBLEMS;
        problems = new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
        problems.add(new Problem(0, 0, "", "and " + more + " more problems"));
      }
      return new Checked(null, problems);
    }
    return new Checked(Definitions.build(tree), List.of());
  }

  /** The JSON Schema (draft 2020-12) of the YAML, as served at GET /api/pipelines/schema. */
  public static String schema() {
    return SchemaCheck.TEXT;
  }
}
