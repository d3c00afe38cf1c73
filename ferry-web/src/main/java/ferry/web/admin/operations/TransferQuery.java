package ferry.web.admin.operations;

import ferry.core.error.ValidationException;
import ferry.core.transfer.TransferFilter;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The transfer history's filter as the page's query names it: {@code user}, {@code protocol},
 * {@code status} ({@code ok} or {@code failed}), {@code from} and {@code to} (days, UTC, both
 * included), {@code page} and {@code size}. Empty fields do not filter.
 */
public record TransferQuery(String user, String protocol, String status, String from, String to, int page, int size) {
  public static final List<Integer> SIZES = List.of(25, 50, 100, 200);
  public static final List<String> PROTOCOLS = List.of("SFTP", "SCP", "HTTP", "JOB");

  static TransferQuery of(Context ctx) {
    String status = text(ctx, "status");
    if (!status.isEmpty() && !status.equals("ok") && !status.equals("failed"))
      throw new ValidationException("status must be ok or failed, got '" + status + "'");
    int size = number(ctx, "size", 50);
    if (!SIZES.contains(size)) size = 50;
    return new TransferQuery(text(ctx, "user"), text(ctx, "protocol").toUpperCase(Locale.ROOT), status,
        text(ctx, "from"), text(ctx, "to"), Math.max(1, number(ctx, "page", 1)), size);
  }

  /** The core's filter; {@code to} ends at the end of its day. */
  public TransferFilter filter() {
    Instant start = from.isEmpty() ? null : day("from", from);
    Instant end = to.isEmpty() ? null : day("to", to).plusSeconds(86_400);
    if (start != null && end != null && !start.isBefore(end))
      throw new ValidationException("the date range ends before it starts: " + from + " to " + to);
    Boolean ok = status.isEmpty() ? null : status.equals("ok");
    return new TransferFilter(blankToNull(user), blankToNull(protocol), ok, start, end);
  }

  public int offset() {
    return (page - 1) * size;
  }

  /** The query of this filter on another page (links), without page when it is the first. */
  public String query(int otherPage) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("user", user);
    m.put("protocol", protocol);
    m.put("status", status);
    m.put("from", from);
    m.put("to", to);
    m.put("size", size == 50 ? "" : String.valueOf(size));
    m.put("page", otherPage <= 1 ? "" : String.valueOf(otherPage));
    String q = m.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return q.isEmpty() ? "" : "?" + q;
  }

  private static Instant day(String field, String value) {
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new ValidationException(field + " must be a date like 2026-12-31, got '" + value + "'");
    }
  }

  private static String text(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null ? "" : v.trim();
  }

  private static int number(Context ctx, String name, int dflt) {
    String v = text(ctx, name);
    try {
      return v.isEmpty() ? dflt : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new ValidationException(name + " must be a whole number, got '" + v + "'");
    }
  }

  private static String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
