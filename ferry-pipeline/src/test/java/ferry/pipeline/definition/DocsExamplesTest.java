package ferry.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every YAML example of docs/pipelines.md is valid, and each step's example makes the StepSpec the runners expect. */
class DocsExamplesTest {
  static final Path DOC = Path.of("..", "docs", "pipelines.md");
  static final String AROUND = "source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\n";

  static List<String> yamlBlocks() throws IOException {
    Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    List<String> blocks = new ArrayList<>();
    while (m.find()) blocks.add(m.group(1));
    return blocks;
  }

  /** A snippet as a whole pipeline: a step list item, a trigger or notify alone get a source and destination. */
  static String whole(String block) {
    if (block.startsWith("- type:")) return AROUND + "steps:\n" + block.indent(2);
    if (!block.contains("source:")) return AROUND + block;
    return block;
  }

  static StepSpec stepOf(String block) {
    PipelineYaml.Checked c = PipelineYaml.check(whole(block), Names.DEMO);
    assertThat(c.problems()).as(block).isEmpty();
    return c.definition().steps().get(0);
  }

  @Test
  void everyYamlExampleInTheDocsIsValid() throws IOException {
    List<String> blocks = yamlBlocks();
    assertThat(blocks).hasSizeGreaterThan(15);
    for (String block : blocks) assertThat(PipelineYaml.check(whole(block), Names.DEMO).problems()).as(block).isEmpty();
  }

  @Test
  void eachStepTypesExampleMakesTheExpectedStepSpec() throws IOException {
    Map<String, StepSpec> byType = new LinkedHashMap<>();
    for (String block : yamlBlocks())
      if (block.startsWith("- type:")) byType.putIfAbsent(block.substring(8, block.indexOf('\n')).strip(), stepOf(block));
    assertThat(byType.keySet()).containsExactlyInAnyOrder("filter", "rename", "zip", "unzip", "gzip", "gunzip",
        "pgp-encrypt", "pgp-decrypt", "pgp-sign", "pgp-verify", "checksum", "script", "webhook");
    assertThat(byType.get("filter").options()).isEqualTo(Map.of("pattern", "*.csv", "min_size", 1L));
    assertThat(byType.get("rename").options()).isEqualTo(Map.of("template", "{stem}-{date}-{counter:4}.{ext}"));
    assertThat(byType.get("zip").options()).isEqualTo(Map.of("name", "batch-{date}.zip"));
    assertThat(byType.get("unzip").number("max_entries")).contains(10_000L);
    assertThat(byType.get("unzip").number("max_bytes")).contains(2L << 30);
    assertThat(byType.get("gzip").options()).isEmpty();
    assertThat(byType.get("gunzip").options()).isEqualTo(Map.of("max_bytes", 10_000_000_000L));
    assertThat(byType.get("pgp-encrypt").options()).isEqualTo(Map.of("recipients", List.of("partner-pub"), "armor", false,
        "sign_with", "our-key", "passphrase", "our-key-pass"));
    assertThat(byType.get("pgp-decrypt").options()).isEqualTo(Map.of("private_key", "our-key", "passphrase",
        "our-key-pass", "verify_with", List.of("partner-pub")));
    assertThat(byType.get("pgp-sign").options()).isEqualTo(Map.of("private_key", "our-key", "passphrase",
        "our-key-pass", "detached", true));
    assertThat(byType.get("pgp-verify").list("public_keys")).containsExactly("partner-pub");
    assertThat(byType.get("checksum").options()).isEqualTo(Map.of("algorithm", "sha256", "mode", "manifest", "name",
        "SHA256SUMS"));
    assertThat(byType.get("script").options()).isEqualTo(Map.of("script", "check-batch", "params", Map.of("mode", "strict")));
    StepSpec webhook = byType.get("webhook");
    assertThat(webhook.options()).isEqualTo(Map.of("url", "https://hooks.example/batch-ready", "secret", "hook-secret"));
    assertThat(webhook.retry()).isEqualTo(new StepSpec.Retry(3, Duration.ofSeconds(5)));
    assertThat(byType.get("gzip").retry()).isEqualTo(StepSpec.Retry.ONCE);
  }

  @Test
  void stepSizesBecomeBytesAndLineIsTheStepsOwn() {
    StepSpec filter = stepOf("- type: filter\n  min_size: \"10KB\"\n  max_size: 5 MiB\n");
    assertThat(filter.number("min_size")).contains(10_000L);
    assertThat(filter.number("max_size")).contains(5L << 20);
    assertThat(filter.line()).isEqualTo(4);
  }

  @Test
  void theEndToEndExampleUsesAnUploadTriggerOnTheSourcesUser() throws IOException {
    String e2e = yamlBlocks().stream().filter(b -> b.contains("type: upload")).findFirst().orElseThrow();
    PipelineDefinition d = PipelineYaml.check(e2e, Names.DEMO).definition();
    assertThat(d.trigger()).isEqualTo(new Trigger(Trigger.Type.UPLOAD, null, null, "alice", "/incoming",
        Duration.ofSeconds(10), null));
    assertThat(d.steps()).extracting(StepSpec::type).containsExactly("zip", "pgp-encrypt", "checksum");
    assertThat(d.destinations()).extracting(x -> x.location().describe())
        .containsExactly("vfs:s3-out:/inbound", "vfs:sftp-out:/upload");
  }
}
