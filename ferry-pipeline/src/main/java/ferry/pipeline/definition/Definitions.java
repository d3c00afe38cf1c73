package ferry.pipeline.definition;

import ferry.core.schedule.CronSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Turns a checked tree into a {@link PipelineDefinition}. Step options are normalised for the
 * runners: sizes become Long bytes, durations ISO-8601 text ("PT30S"), lists and mappings plain
 * List and Map, numbers Long (or Double), flags Boolean.
 */
final class Definitions {
  /** How often a poll trigger lists its source when the YAML does not say. */
  static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);

  private Definitions() {}

  static PipelineDefinition build(YamlTree tree) {
    JsonNode root = tree.root();
    Source source = source(root.path("source"));
    List<StepSpec> steps = new ArrayList<>();
    JsonNode s = root.path("steps");
    for (int i = 0; i < s.size(); i++) steps.add(step(s.get(i), tree.line("/steps/" + i)));
    List<Destination> destinations = new ArrayList<>();
    if (root.has("destination")) destinations.add(destination(root.path("destination")));
    root.path("destinations").values().forEach(d -> destinations.add(destination(d)));
    Trigger trigger = root.has("trigger") ? trigger(root.path("trigger"), source) : Trigger.manual();
    JsonNode n = root.path("notify");
    Notify notify = new Notify(webhook(n.path("on_success")), webhook(n.path("on_failure")));
    return new PipelineDefinition(source, steps, destinations, trigger, notify);
  }

  private static Source source(JsonNode s) {
    return new Source(location(s), text(s, "pattern"), text(s, "regex"), s.path("recursive").asBoolean(false),
        size(s.get("min_size")), size(s.get("max_size")), duration(s, "min_age"),
        Source.AfterSuccess.valueOf(s.path("after").asString("keep").toUpperCase(Locale.ROOT)), text(s, "archive_path"));
  }

  private static Location location(JsonNode o) {
    return new Location(text(o, "vfs"), text(o, "user"), text(o, "path"));
  }

  private static Destination destination(JsonNode d) {
    return new Destination(location(d),
        Destination.Overwrite.valueOf(d.path("overwrite").asString("replace").toUpperCase(Locale.ROOT)),
        d.path("temp_rename").asBoolean(true));
  }

  private static StepSpec step(JsonNode step, int line) {
    Map<String, Object> options = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : step.properties()) {
      String key = e.getKey();
      if (key.equals("type") || key.equals("retry")) continue;
      options.put(key, option(step.path("type").asString(), key, e.getValue()));
    }
    StepSpec.Retry retry = StepSpec.Retry.ONCE;
    JsonNode r = step.path("retry");
    if (r.isObject()) retry = new StepSpec.Retry(r.path("attempts").asInt(1), duration(r, "backoff"));
    return new StepSpec(step.path("type").asString(), options, retry, line);
  }

  /** An option as runners read it; the schema says which options are sizes and durations. */
  private static Object option(String type, String key, JsonNode v) {
    String ref = SchemaCheck.schemaNode().at(YamlTree.child("/$defs/step-" + type + "/properties", key) + "/$ref").asString("");
    return switch (ref) {
      case "#/$defs/size" -> size(v);
      case "#/$defs/duration" -> Units.duration(v.asString()).orElseThrow().toString();
      default -> plain(v);
    };
  }

  /** JSON to plain Java values; map and list values are never null (Map.copyOf refuses them). */
  private static Object plain(JsonNode v) {
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) if (!e.getValue().isNull()) m.put(e.getKey(), plain(e.getValue()));
      return java.util.Collections.unmodifiableMap(m);
    }
    if (v.isArray()) return v.values().stream().filter(x -> !x.isNull()).map(Definitions::plain).toList();
    if (v.isBoolean()) return v.booleanValue();
    if (v.isIntegralNumber()) return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
    if (v.isNumber()) return v.doubleValue();
    if (v.isNull()) return "";
    return v.asString();
  }

  private static Trigger trigger(JsonNode t, Source source) {
    Trigger.Type type = Trigger.Type.valueOf(t.path("type").asString("manual").toUpperCase(Locale.ROOT));
    return switch (type) {
      case MANUAL -> Trigger.manual();
      case CRON -> {
        CronSchedule cron = CronSchedule.of(text(t, "schedule"), text(t, "timezone")); // checked before: normalises
        yield new Trigger(type, cron.expression(), cron.timezone(), null, null, null, null);
      }
      case UPLOAD -> {
        // by default the uploads of the source's user, under the source's path
        String user = t.has("user") ? text(t, "user") : source.location().user();
        String path = t.has("path") ? text(t, "path")
            : Objects.equals(user, source.location().user()) ? source.location().path() : "/";
        yield new Trigger(type, null, null, user, path, t.has("quiet") ? duration(t, "quiet") : null, null);
      }
      case POLL -> new Trigger(type, null, null, null, null, null,
          t.has("interval") ? duration(t, "interval") : DEFAULT_POLL_INTERVAL);
    };
  }

  private static Notify.Webhook webhook(JsonNode w) {
    return w.isObject() ? new Notify.Webhook(text(w, "url"), text(w, "secret")) : null;
  }

  private static Long size(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) return null;
    return Units.bytes(Units.plain(v)).orElseThrow();
  }

  private static Duration duration(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || !v.isString() ? null : Units.duration(v.asString()).orElseThrow();
  }

  private static String text(JsonNode o, String key) {
    JsonNode v = o.get(key);
    return v == null || !v.isString() ? null : v.asString();
  }
}
