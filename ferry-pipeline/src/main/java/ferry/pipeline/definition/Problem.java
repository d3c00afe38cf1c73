package ferry.pipeline.definition;

/**
 * One thing wrong with a pipeline's YAML, where the user wrote it.
 *
 * @param line 1-based line in the YAML; 0 when the problem has no place (the document as a whole)
 * @param column 1-based column; 0 when unknown
 * @param field the JSON-pointer-like path of the offending node, e.g. "/steps/2/type"; "" for the document
 * @param message what is wrong, in the user's terms, naming the entry, secret or script when one is unknown
 */
public record Problem(int line, int column, String field, String message) {
  @Override
  public String toString() {
    return (line > 0 ? "line " + line + (column > 0 ? ", column " + column : "") + ": " : "")
        + (field.isEmpty() ? "" : field + ": ") + message;
  }
}
