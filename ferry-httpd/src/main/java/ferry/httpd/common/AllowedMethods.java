package ferry.httpd.common;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The {@code Allow} header of a 405: the methods a path serves, in a fixed order. */
final class AllowedMethods {
  private static final List<String> ORDER = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private AllowedMethods() {}

  /**
   * The header for the methods Javalin lists in a 405's details (e.g. {@code "GET, PUT"}); HEAD is
   * added where GET is served, since Javalin answers HEAD with the GET route.
   */
  static String header(Collection<String> listed) {
    Set<String> methods =
        new TreeSet<>(Comparator.comparingInt(AllowedMethods::rank).thenComparing(Comparator.naturalOrder()));
    for (String entry : listed)
      for (String m : entry.split(","))
        if (m.strip().matches("[A-Z]+")) methods.add(m.strip());
    if (methods.contains("GET")) methods.add("HEAD");
    return methods.stream().collect(Collectors.joining(", "));
  }

  private static int rank(String method) {
    int i = ORDER.indexOf(method);
    return i < 0 ? ORDER.size() : i;
  }
}
