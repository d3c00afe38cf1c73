package ferry.pipeline.definition;

import ferry.core.error.ValidationException;
import ferry.core.schedule.CronSchedule;
import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * What the schema cannot say: names the owner may use (VFS entries, users, secrets, scripts),
 * cron and time zone, regexes and globs, templates, sizes and durations in range, and the rules
 * between keys (exactly one of vfs/user, pattern or regex, archive_path with after: move). It
 * reads the tree defensively, so that it also runs on a document with schema errors.
 */
final class Semantics {
  static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(10);

  private final YamlTree tree;
  private final PipelineNames names;
  private final List<Problem> problems = new ArrayList<>();

  private Semantics(YamlTree tree, PipelineNames names) {
    this.tree = tree;
    this.names = names;
  }

  static List<Problem> check(YamlTree tree, PipelineNames names) {
    Semantics s = new Semantics(tree, names);
    s.all();
    return s.problems;
  }

  private void all() {
    JsonNode root = tree.root();
    source(root.path("source"));
    JsonNode steps = root.path("steps");
    for (int i = 0; i < steps.size(); i++) step(steps.get(i), "/steps/" + i);
    if (!root.has("destination") && !root.has("destinations") && !typoOf(root, "destination", "destinations"))
      problems.add(tree.problem("", "missing key \"destination\" (or \"destinations\", a list)"));
    if (root.path("destination").isObject()) location(root.path("destination"), "/destination");
    JsonNode dests = root.path("destinations");
    for (int i = 0; i < dests.size(); i++) location(dests.get(i), "/destinations/" + i);
    trigger(root.path("trigger"), root.path("source"));
    for (String on : List.of("on_success", "on_failure")) secret(root.path("notify").path(on), "/notify/" + on, "secret");
  }

  private void source(JsonNode s) {
    if (!s.isObject()) return;
    location(s, "/source");
    if (s.has("pattern") && s.has("regex"))
      problems.add(tree.keyProblem("/source/regex", "use \"pattern\" or \"regex\", not both"));
    matchers(s, "/source");
    duration(s, "/source", "min_age");
    boolean move = "move".equals(s.path("after").asString(""));
    if (move && !s.has("archive_path"))
      problems.add(tree.problem("/source/after", "after: move needs \"archive_path\" (where picked files go)"));
    if (!move && s.has("archive_path"))
      problems.add(tree.keyProblem("/source/archive_path", "archive_path is only used with after: move"));
  }

  /** pattern, regex, min_size, max_size: of the source and of a filter step. */
  private void matchers(JsonNode o, String at) {
    text(o, "pattern").ifPresent(p -> {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + p);
      } catch (IllegalArgumentException e) { // PatternSyntaxException too
        problems.add(tree.problem(at + "/pattern", "not a valid glob: " + firstLine(e.getMessage())));
      }
    });
    text(o, "regex").ifPresent(r -> {
      try {
        Pattern.compile(r);
      } catch (PatternSyntaxException e) {
        problems.add(tree.problem(at + "/regex", "not a valid regular expression: " + e.getDescription()
            + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")));
      }
    });
    Optional<Long> min = size(o, at, "min_size");
    Optional<Long> max = size(o, at, "max_size");
    if (min.isPresent() && max.isPresent() && min.get() > max.get())
      problems.add(tree.problem(at + "/max_size", "max_size is smaller than min_size"));
  }

  private void step(JsonNode step, String at) {
    if (!step.isObject()) return;
    duration(step.path("retry"), at + "/retry", "backoff");
    switch (step.path("type").asString("")) {
      case "filter" -> {
        if (!step.has("pattern") && !step.has("regex") && !step.has("min_size") && !step.has("max_size"))
          problems.add(tree.problem(at, "a filter step needs at least one of pattern, regex, min_size, max_size"));
        matchers(step, at);
      }
      case "rename" -> template(step, at, "template");
      case "zip" -> template(step, at, "name");
      case "pgp-encrypt" -> secrets(step, at, "recipients", "sign_with", "passphrase");
      case "pgp-decrypt" -> secrets(step, at, "private_key", "passphrase", "verify_with");
      case "pgp-sign" -> secrets(step, at, "private_key", "passphrase");
      case "pgp-verify" -> secrets(step, at, "public_keys");
      case "checksum" -> {
        text(step, "name").filter(n -> !NameTemplate.safe(n) || n.contains("/"))
            .ifPresent(n -> problems.add(tree.problem(at + "/name", "must be a plain file name")));
        if (step.has("name") && "sidecar".equals(step.path("mode").asString("")))
          problems.add(tree.keyProblem(at + "/name", "name is only used with mode: manifest"));
      }
      case "script" -> text(step, "script").filter(n -> !names.script(n))
          .ifPresent(n -> problems.add(tree.problem(at + "/script", "no script named \"" + n + "\"")));
      case "webhook" -> secrets(step, at, "secret");
      default -> { // gzip, gunzip, unzip: nothing beyond the schema; unknown types: the schema said it
      }
    }
  }

  private void template(JsonNode step, String at, String key) {
    text(step, key).flatMap(Templates::problem).ifPresent(m -> problems.add(tree.problem(at + "/" + key, m)));
  }

  /** Each key names one secret, or a list of them. */
  private void secrets(JsonNode o, String at, String... keys) {
    for (String key : keys) {
      JsonNode v = o.path(key);
      if (v.isArray()) for (int i = 0; i < v.size(); i++) secret(v, at + "/" + key, i);
      else secret(o, at, key);
    }
  }

  private void secret(JsonNode o, String at, String key) {
    text(o, key).filter(n -> !names.secret(n))
        .ifPresent(n -> problems.add(tree.problem(at + "/" + key, "no secret named \"" + n + "\"")));
  }

  private void secret(JsonNode list, String at, int i) {
    JsonNode v = list.get(i);
    if (v.isString() && !names.secret(v.asString()))
      problems.add(tree.problem(at + "/" + i, "no secret named \"" + v.asString() + "\""));
  }

  /** A source or destination: exactly one of vfs and user, each one the owner may use. */
  private void location(JsonNode o, String at) {
    if (!o.isObject()) return;
    if (o.has("vfs") && o.has("user")) problems.add(tree.keyProblem(at + "/user", "use \"vfs\" or \"user\", not both"));
    if (!o.has("vfs") && !o.has("user") && !typoOf(o, "vfs", "user"))
      problems.add(tree.problem(at, "missing key \"vfs\" (a VFS Library entry) or \"user\" (a file-server user's files)"));
    text(o, "vfs").filter(n -> !names.vfs(n))
        .ifPresent(n -> problems.add(tree.problem(at + "/vfs", "no VFS Library entry named \"" + n + "\"")));
    user(o, at);
  }

  private void user(JsonNode o, String at) {
    text(o, "user").filter(n -> !names.user(n))
        .ifPresent(n -> problems.add(tree.problem(at + "/user", "no user named \"" + n + "\"")));
  }

  private void trigger(JsonNode t, JsonNode source) {
    if (!t.isObject()) return;
    switch (t.path("type").asString("")) {
      case "cron" -> text(t, "schedule").ifPresent(schedule -> {
        try {
          CronSchedule.of(schedule, text(t, "timezone").orElse(null));
        } catch (ValidationException e) {
          String field = String.valueOf(e.details().getOrDefault("field", "schedule"));
          problems.add(tree.problem("/trigger/" + field, e.getMessage()));
        }
      });
      case "upload" -> {
        user(t, "/trigger");
        duration(t, "/trigger", "quiet");
        if (!t.has("user") && !source.has("user"))
          problems.add(tree.problem("/trigger", "an upload trigger needs \"user\" (whose uploads start a run) when the"
              + " source is not a user's files"));
      }
      case "poll" -> duration(t, "/trigger", "interval").filter(d -> d.compareTo(MIN_POLL_INTERVAL) < 0)
          .ifPresent(d -> problems.add(tree.problem("/trigger/interval", "must be at least 10s")));
      default -> { // manual: nothing to check
      }
    }
  }

  private Optional<Long> size(JsonNode o, String at, String key) {
    if (!o.has(key)) return Optional.empty();
    JsonNode v = o.get(key);
    Optional<Long> bytes = Units.bytes(Units.plain(v));
    if (bytes.isEmpty())
      problems.add(tree.problem(at + "/" + key, "must be a size in bytes such as 1048576, \"10KB\" or \"5 MiB\""));
    return bytes;
  }

  private Optional<Duration> duration(JsonNode o, String at, String key) {
    if (!o.has(key)) return Optional.empty();
    Optional<Duration> d = Units.duration(o.get(key).isString() ? o.get(key).asString() : null);
    if (d.isEmpty())
      problems.add(tree.problem(at + "/" + key, "must be a duration such as \"500ms\", \"30s\", \"5m\", \"2h\", \"1d\" or \"PT30S\""));
    return d;
  }

  /** Whether a key of {@code o} is a typo of one of {@code keys}: the schema said it, with a suggestion. */
  private static boolean typoOf(JsonNode o, String... keys) {
    for (String present : o.propertyNames())
      for (String key : keys) if (SchemaMessages.typoOf(present, key)) return true;
    return false;
  }

  private static Optional<String> text(JsonNode o, String key) {
    JsonNode v = o.path(key);
    return v.isString() ? Optional.of(v.asString()) : Optional.empty();
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
  }
}
