package ferry.it.support;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** One scrape in Prometheus' text format, read as series → value. */
public final class Scrape {
  private final Map<String, Double> series = new HashMap<>();
  private final String text;

  /** Reads {@code text}: {@code name{label="value",...} number} lines; comments skipped. */
  public Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
  }

  /**
   * The value of the series {@code name} with exactly these labels ({@code "k1", "v1", ...}), or
   * null when the scrape has no such series.
   */
  public Double value(String name, String... labels) {
    return series.get(key(name, labels));
  }

  /** {@link #value}, with 0 for a series not there yet (a counter nothing has moved). */
  public double count(String name, String... labels) {
    Double v = value(name, labels);
    return v == null ? 0 : v;
  }

  /** The whole text, for failure messages. */
  public String text() {
    return text;
  }

  private static String key(String name, String... labels) {
    if (labels.length == 0) return name;
    Map<String, String> sorted = new TreeMap<>(); // the exposition sorts labels by name
    for (int i = 0; i < labels.length; i += 2) sorted.put(labels[i], labels[i + 1]);
    StringBuilder b = new StringBuilder(name).append('{');
    sorted.forEach((k, v) -> b.append(k).append("=\"").append(v).append("\","));
    b.setLength(b.length() - 1);
    return b.append('}').toString();
  }
}
