package ferry.web.admin.operations;

/**
 * One CSV cell as RFC 4180 quotes it, safe to open in a spreadsheet: text that a spreadsheet would
 * take for a formula ({@code = + - @}, or a leading tab or carriage return) gets a leading quote.
 */
public final class Csv {
  private Csv() {}

  public static String cell(String s) {
    if (s == null || s.isEmpty()) return "";
    char c = s.charAt(0);
    if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') s = "'" + s;
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
    return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** A whole line of cells, ended by CRLF. */
  public static String line(String... cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) b.append(',');
      b.append(cell(cells[i]));
    }
    return b.append("\r\n").toString();
  }
}
