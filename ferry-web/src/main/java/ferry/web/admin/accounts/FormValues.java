package ferry.web.admin.accounts;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of an edit form, as the browser sent them or as a stored account fills them, and the
 * errors beside them. Templates read values by the field's {@code name}; one name, one meaning.
 */
public final class FormValues {
  private final Map<String, List<String>> values;
  private final Map<String, String> errors = new LinkedHashMap<>();
  private String summary;

  public FormValues(Map<String, List<String>> values) {
    this.values = new LinkedHashMap<>(values);
  }

  /** The urlencoded body of this request. */
  public static FormValues of(Context ctx) {
    return new FormValues(ctx.formParamMap());
  }

  public static FormValues empty() {
    return new FormValues(Map.of());
  }

  /** The value of {@code name}, trimmed, or "". */
  public String v(String name) {
    List<String> l = values.get(name);
    return l == null || l.isEmpty() || l.get(0) == null ? "" : l.get(0).strip();
  }

  /** Every value of a repeated field (checkboxes). */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The non-blank lines of a textarea. */
  public List<String> lines(String name) {
    List<String> out = new ArrayList<>();
    for (String l : v(name).split("\\R")) if (!l.isBlank()) out.add(l.strip());
    return out;
  }

  public boolean has(String name, String value) {
    return all(name).contains(value);
  }

  /** {@code checked} when a checkbox of {@code name} has {@code value}, else null (no attribute). */
  public String checked(String name, String value) {
    return has(name, value) ? "checked" : null;
  }

  /** {@code selected} when {@code name} is {@code value}, else null. */
  public String selected(String name, String value) {
    return v(name).equals(value) ? "selected" : null;
  }

  public FormValues set(String name, String value) {
    values.put(name, List.of(value == null ? "" : value));
    return this;
  }

  public FormValues set(String name, List<String> all) {
    values.put(name, List.copyOf(all));
    return this;
  }

  /** Marks {@code field} as wrong with a message already in the page's language. */
  public FormValues error(String field, String message) {
    errors.put(field, message);
    if (summary == null) summary = message;
    return this;
  }

  /** The message beside {@code name}, or null. */
  public String error(String name) {
    return errors.get(name);
  }

  /** Whether any of {@code names} has an error (to open its tab). */
  public boolean anyError(String... names) {
    for (String n : names) if (errors.containsKey(n)) return true;
    return false;
  }

  /** {@code "true"} for aria-invalid on a wrong field, else null (no attribute). */
  public String invalid(String name) {
    return errors.containsKey(name) ? "true" : null;
  }

  /** The id of the field's error text for aria-describedby, or null. */
  public String describedBy(String name) {
    return errors.containsKey(name) ? "err-" + name : null;
  }

  /** The first error, shown at the top of the form; null when none. */
  public String summary() {
    return summary;
  }

  public FormValues summary(String text) {
    this.summary = text;
    return this;
  }
}
