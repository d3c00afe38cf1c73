package ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry pipeline}: puts, reads, lists, checks, runs and deletes pipelines (issue 14) through
 * the orchestration face, as the admins' (the CLI's key is an admin's). A pipeline is named by its
 * identifier or its id.
 */
@Command(
    name = "pipeline",
    description = "Creates, changes, checks, runs and deletes pipelines: versioned YAML that picks files up,"
        + " transforms them (zip, gzip, PGP, checksums, scripts) and delivers them (docs/pipelines.md).",
    subcommands = {PipelineCommand.Put.class, PipelineCommand.Get.class, PipelineCommand.ListPipelines.class,
        PipelineCommand.DryRun.class, PipelineRunCommand.Run.class, PipelineRunCommand.Runs.class,
        PipelineCommand.Delete.class},
    footerHeading = "%nExamples:%n",
    footer = {"  ferry pipeline put nightly-invoices -f invoices.yaml", "  ferry pipeline dry-run -f invoices.yaml --simulate",
        "  ferry pipeline run nightly-invoices --wait", "  ferry pipeline runs nightly-invoices",
        "  ferry pipeline get nightly-invoices > invoices.yaml", "  ferry pipeline list --json"})
final class PipelineCommand extends CommandGroup {
  static final String PATH = "/api/pipelines";
  /** The largest YAML file read; the server takes less (its request body limit). */
  static final long MAX_YAML_BYTES = 4L * 1024 * 1024;
  private static final int PAGE = 100;

  /** The YAML of {@code file}, or of standard input for "-". */
  static String readYaml(Path file, InputStream stdin) {
    try {
      if (file.toString().equals("-")) {
        byte[] in = stdin.readNBytes((int) MAX_YAML_BYTES + 1);
        if (in.length > MAX_YAML_BYTES)
          throw new CliException("standard input holds more than " + MAX_YAML_BYTES / (1024 * 1024) + " MiB; a"
              + " pipeline's YAML is far smaller");
        return new String(in, StandardCharsets.UTF_8);
      }
      if (Files.size(file) > MAX_YAML_BYTES)
        throw new CliException(file + " is larger than " + MAX_YAML_BYTES / (1024 * 1024) + " MiB; a pipeline's YAML"
            + " is far smaller");
      return Files.readString(file);
    } catch (IOException e) {
      throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every pipeline the CLI sees (all owners'), optionally filtered as the API filters. */
  static List<JsonNode> all(FerryClient client, Boolean enabled, String search) {
    List<JsonNode> out = new ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("page", page);
      q.put("limit", PAGE);
      q.put("enabled", enabled);
      q.put("search", search);
      JsonNode answer = client.get(PATH + FerryClient.query(q));
      answer.path("data").forEach(out::add);
      if (page >= answer.path("pagination").path("totalPages").asLong(0)) return out;
    }
  }

  /**
   * The pipeline {@code ref} names: an id, or an identifier of the admins' pipelines ({@code
   * customer} null) or of that customer's; empty when there is none.
   */
  static java.util.Optional<JsonNode> find(FerryClient client, String ref, String customer) {
    if (ref.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      try {
        return java.util.Optional.of(client.get(PATH + "/" + ref).path("data"));
      } catch (ApiException e) {
        if (e.status() == 404) return java.util.Optional.empty();
        throw e;
      }
    }
    return all(client, null, ref).stream()
        .filter(p -> p.path("identifier").asText().equals(ref))
        .filter(p -> customer == null ? p.path("customer").isNull() : customer.equals(p.path("customer").asText()))
        .findFirst();
  }

  /** Like {@link #find}, but a pipeline that does not exist is a failure naming it. */
  static JsonNode get(FerryClient client, String ref, String customer) {
    return find(client, ref, customer).orElseThrow(() -> new CliException("no pipeline " + ref
        + (customer == null ? " of the admins" : " of customer " + customer)
        + "; see ferry pipeline list"));
  }

  /** The refusal of a YAML with each of its problems on a line: "line 7, column 3: /steps/1/type: ...". */
  static CliException yamlRefused(ApiException e) {
    JsonNode problems = e.body().path("details").path("problems");
    if (!problems.isArray() || problems.isEmpty()) return e;
    StringBuilder text = new StringBuilder("the YAML is refused:");
    problems.forEach(p -> text.append("\n  ").append(problem(p)));
    return new CliException(text.toString(), e);
  }

  static String problem(JsonNode p) {
    String where = p.path("line").asInt() > 0 ? "line " + p.path("line").asInt()
        + (p.path("column").asInt() > 0 ? ", column " + p.path("column").asInt() : "") + ": " : "";
    String path = p.path("path").asText("");
    return where + (path.isEmpty() ? "" : path + ": ") + p.path("message").asText();
  }

  /** The options naming whose pipeline a command means. */
  static final class Owner {
    @Option(names = "--customer", paramLabel = "NAME",
        description = "A customer's pipeline of that identifier rather than the admins' (ids need no owner).")
    String customer;
  }

  @Command(name = "put",
      description = {"Creates the pipeline IDENTIFIER from a YAML file, or, when the admins have one of that"
          + " identifier, makes the file its new version.", "Refusals list every problem with its line and column."},
      footerHeading = "%nExamples:%n",
      footer = {"  ferry pipeline put nightly-invoices -f invoices.yaml --name 'Invoices'",
          "  generate-yaml | ferry pipeline put nightly-invoices -f -"})
  static final class Put extends AdminCommand {
    @Parameters(paramLabel = "IDENTIFIER", description = "a-z, 0-9, '.', '_', '-'; unique among the admins' pipelines.")
    String identifier;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The YAML; - for standard input.")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the identifier).")
    String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "What it is for.")
    String description;

    @Option(names = "--disabled", description = "Create it disabled (nothing starts it until it is enabled).")
    boolean disabled;

    @Mixin JsonOption json;

    /** Read for "-f -"; tests replace it. */
    InputStream stdin = System.in;

    @Override
    int execute(FerryClient client) {
      String yaml = readYaml(file, stdin);
      java.util.Optional<JsonNode> existing = find(client, identifier, null);
      JsonNode pipeline;
      try {
        if (existing.isEmpty()) {
          ObjectNode body = FerryClient.JSON.createObjectNode().put("identifier", identifier)
              .put("name", name == null ? identifier : name).put("yaml", yaml).put("enabled", !disabled);
          if (description != null) body.put("description", description);
          pipeline = client.post(PATH, body).path("data");
        } else {
          String id = existing.get().path("id").asText();
          pipeline = client.put(PATH + "/" + id + "/yaml", FerryClient.JSON.createObjectNode().put("yaml", yaml))
              .path("data");
          ObjectNode meta = FerryClient.JSON.createObjectNode();
          if (name != null) meta.put("name", name);
          if (description != null) meta.put("description", description);
          if (!meta.isEmpty()) pipeline = client.patch(PATH + "/" + id, meta).path("data");
        }
      } catch (ApiException e) {
        throw yamlRefused(e);
      }
      if (json.json) printJson(pipeline);
      else out().println((existing.isEmpty() ? "created" : "updated") + " pipeline " + identifier + " (id "
          + pipeline.path("id").asText() + ", version " + pipeline.path("version").asInt() + ")");
      return 0;
    }
  }

  @Command(name = "get", description = "Prints a pipeline's YAML (its current version, or --yaml-version N).",
      footerHeading = "%nExamples:%n",
      footer = {"  ferry pipeline get nightly-invoices > invoices.yaml", "  ferry pipeline get nightly-invoices --json",
          "  ferry pipeline get nightly-invoices --yaml-version 1"})
  static final class Get extends AdminCommand {
    @Parameters(paramLabel = "PIPELINE", description = "Identifier or id.")
    String ref;

    @Option(names = "--yaml-version", paramLabel = "N", description = "An earlier version's YAML.")
    Integer version;

    @Mixin Owner owner;

    @Option(names = "--json", description = "Print the pipeline (id, version, trigger, last run, ...) as JSON.")
    boolean json;

    @Override
    int execute(FerryClient client) {
      JsonNode p = get(client, ref, owner.customer);
      if (json && version == null) {
        printJson(p);
        return 0;
      }
      int n = version == null ? p.path("version").asInt() : version;
      JsonNode v = client.get(PATH + "/" + p.path("id").asText() + "/versions/" + n).path("data");
      if (json) printJson(v);
      else out().print(v.path("yaml").asText());
      return 0;
    }
  }

  @Command(name = "list", description = "Lists the pipelines of the admins and of every customer.",
      footerHeading = "%nExamples:%n", footer = {"  ferry pipeline list", "  ferry pipeline list --search invoice --enabled true"})
  static final class ListPipelines extends AdminCommand {
    @Option(names = "--enabled", paramLabel = "true|false", description = "Only enabled or disabled ones.")
    Boolean enabled;

    @Option(names = "--search", paramLabel = "TEXT", description = "A part of identifier, name or description.")
    String search;

    @Mixin JsonOption json;

    @Override
    int execute(FerryClient client) {
      List<JsonNode> all = all(client, enabled, search);
      if (json.json) {
        printJson(FerryClient.JSON.createArrayNode().addAll(all));
        return 0;
      }
      Table t = new Table("IDENTIFIER", "CUSTOMER", "ENABLED", "VERSION", "TRIGGER", "LAST RUN", "ID");
      for (JsonNode p : all)
        t.row(p.path("identifier").asText(), Table.text(p.path("customer")), p.path("enabled").asBoolean(),
            p.path("version").asInt(), p.path("trigger").asText(), Table.text(p.path("lastRun").path("status")),
            p.path("id").asText());
      t.print(out(), "no pipelines");
      return 0;
    }
  }

  @Command(name = "dry-run",
      description = {"Checks a YAML as put would, without storing it; exits 1 when it is refused.",
          "With --simulate, lists the files its source would pick now (nothing is moved)."},
      footerHeading = "%nExamples:%n", footer = {"  ferry pipeline dry-run -f invoices.yaml --simulate"})
  static final class DryRun extends AdminCommand {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The YAML; - for standard input.")
    Path file;

    @Option(names = "--simulate", description = "Also list the files the source would pick now.")
    boolean simulate;

    @Mixin JsonOption json;

    InputStream stdin = System.in;

    @Override
    int execute(FerryClient client) {
      ObjectNode body = FerryClient.JSON.createObjectNode().put("yaml", readYaml(file, stdin)).put("simulate", simulate);
      JsonNode d = client.post(PATH + "/dry-run", body).path("data");
      boolean valid = d.path("valid").asBoolean();
      if (json.json) {
        printJson(d);
      } else if (valid) {
        out().println("valid: trigger " + d.path("trigger").asText() + ", steps " + Table.text(d.path("steps"))
            + ", to " + Table.text(d.path("destinations")));
        if (d.has("files")) {
          Table t = new Table("PATH", "SIZE", "MODIFIED");
          d.path("files").forEach(f -> t.row(f.path("path").asText(), f.path("size").asLong(),
              f.path("modified").asText()));
          t.print(out(), "the source would pick no file now");
        }
      } else {
        err().println("the YAML is refused:");
        d.path("errors").forEach(p -> err().println("  " + problem(p)));
      }
      return valid ? 0 : CliException.FAILURE;
    }
  }

  @Command(name = "delete", description = "Deletes a pipeline with its versions and run history.",
      footerHeading = "%nExamples:%n", footer = {"  ferry pipeline delete nightly-invoices"})
  static final class Delete extends AdminCommand {
    @Parameters(paramLabel = "PIPELINE", description = "Identifier or id.")
    String ref;

    @Mixin Owner owner;

    @Override
    int execute(FerryClient client) {
      JsonNode p = get(client, ref, owner.customer);
      client.delete(PATH + "/" + p.path("id").asText());
      out().println("deleted pipeline " + p.path("identifier").asText());
      return 0;
    }
  }
}
