package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** A plain-text table with left-aligned columns as wide as their widest cell. */
final class Table {
  static final String NONE = "-";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** Adds one row; missing cells print as {@value #NONE}. */
  Table row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      row.add(i < cells.length ? cell(cells[i]) : NONE);
    }
    rows.add(row);
    return this;
  }

  /** Prints the table, or {@code empty} alone when it has no rows. */
  void print(PrintWriter out, String empty) {
    if (rows.isEmpty()) {
      out.println(empty);
      return;
    }
    int[] widths = new int[headers.size()];
    for (List<String> row : allRows()) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : allRows()) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** The text of a JSON field for a cell: arrays are joined with commas, null is {@value #NONE}. */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return NONE;
    }
    if (node.isArray()) {
      List<String> items =
          StreamSupport.stream(node.spliterator(), false).map(JsonNode::asText).toList();
      return items.isEmpty() ? NONE : String.join(",", items);
    }
    if (node.isContainerNode()) {
      return node.toString();
    }
    String text = node.asText();
    return text.isEmpty() ? NONE : text;
  }

  private List<List<String>> allRows() {
    List<List<String>> all = new ArrayList<>();
    all.add(headers);
    all.addAll(rows);
    return all;
  }

  private static String cell(Object value) {
    String text =
        value instanceof JsonNode node ? text(node) : value == null ? NONE : value.toString();
    return oneLine(text);
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ");
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
