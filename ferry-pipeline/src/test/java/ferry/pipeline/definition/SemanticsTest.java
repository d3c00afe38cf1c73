package ferry.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The rules between keys and the values a schema cannot judge, each said once at its place. */
class SemanticsTest {
  static final String DEST = "destination: {vfs: s3-out}\n";

  static Problem only(String yaml) {
    PipelineYaml.Checked c = PipelineYaml.check(yaml, Names.DEMO);
    assertThat(c.problems()).as(yaml).hasSize(1);
    return c.problems().get(0);
  }

  @Test
  void aLocationNamesExactlyOneOfVfsAndUser() {
    assertThat(only("source: {vfs: partner-sftp, user: alice}\n" + DEST))
        .isEqualTo(new Problem(1, 29, "/source/user", "use \"vfs\" or \"user\", not both"));
    assertThat(only("source: {path: /x}\n" + DEST).message()).startsWith("missing key \"vfs\"");
    assertThat(only("source: {user: alice}\ndestination: {path: /in}\n").field()).isEqualTo("/destination");
  }

  @Test
  void patternAndRegexAreNeverBoth() {
    Problem p = only("source:\n  vfs: partner-sftp\n  pattern: \"*.csv\"\n  regex: \"x\"\n" + DEST);
    assertThat(p).isEqualTo(new Problem(4, 3, "/source/regex", "use \"pattern\" or \"regex\", not both"));
  }

  @Test
  void badRegexesAndGlobsAreNamed() {
    assertThat(only("source: {vfs: partner-sftp, regex: \"inv_(\"}\n" + DEST).message())
        .startsWith("not a valid regular expression: Unclosed group");
    Problem glob = only("source: {vfs: partner-sftp}\nsteps:\n  - type: filter\n    pattern: \"[a-\"\n" + DEST);
    assertThat(glob.field()).isEqualTo("/steps/0/pattern");
    assertThat(glob.line()).isEqualTo(4);
  }

  @Test
  void archivePathGoesWithAfterMoveOnly() {
    assertThat(only("source: {vfs: partner-sftp, after: move}\n" + DEST))
        .extracting(Problem::field, Problem::message)
        .containsExactly("/source/after", "after: move needs \"archive_path\" (where picked files go)");
    assertThat(only("source: {vfs: partner-sftp, after: delete, archive_path: /a}\n" + DEST))
        .extracting(Problem::field, Problem::message)
        .containsExactly("/source/archive_path", "archive_path is only used with after: move");
  }

  @Test
  void sizesAreCheckedInRangeAndOrder() {
    assertThat(only("source: {vfs: partner-sftp, min_size: 2MB, max_size: 1MB}\n" + DEST).message())
        .isEqualTo("max_size is smaller than min_size");
    assertThat(only("source: {vfs: partner-sftp, max_size: -1}\n" + DEST).message()).startsWith("must be a size");
    assertThat(only("source: {vfs: partner-sftp, max_size: 99999999999999999999999}\n" + DEST).message())
        .startsWith("must be a size");
  }

  @Test
  void templatesMustKnowTheirPlaceholdersAndStayInTheirDirectory() {
    String steps = "source: {vfs: partner-sftp}\n" + DEST + "steps:\n  - type: rename\n    template: ";
    Problem escape = only(steps + "\"../{name}\"\n");
    assertThat(escape.line()).isEqualTo(5);
    assertThat(escape.field()).isEqualTo("/steps/0/template");
    assertThat(escape.message()).startsWith("the template must make a relative file name");
    assertThat(only(steps + "\"/etc/{name}\"\n").message()).startsWith("the template must make a relative file name");
    assertThat(only(steps + "\"{date:yyyy/../MM}-{name}\"\n").message()).startsWith("the template must make a relative");
    assertThat(only(steps + "\"{nmae}\"\n").message()).startsWith("unknown placeholder {nmae}");
    assertThat(only(steps + "\"{date:bogus}\"\n").message()).startsWith("bad date pattern in {date:bogus}");
    assertThat(only(steps + "\"{counter:40}.txt\"\n").message()).startsWith("counter width must be 1 to 18");
    assertThat(only(steps + "\"{name\"\n").message()).isEqualTo("unclosed \"{\" in the template");
    assertThat(PipelineYaml.check(steps + "\"out/{stem}-{counter:3}.{ext}\"\n", Names.DEMO).ok()).isTrue();
  }

  @Test
  void stepRulesBeyondTheSchema() {
    String around = "source: {vfs: partner-sftp}\n" + DEST + "steps:\n";
    assertThat(only(around + "  - type: filter\n").message()).startsWith("a filter step needs at least one of");
    assertThat(only(around + "  - {type: checksum, mode: sidecar, name: SUMS}\n").message())
        .isEqualTo("name is only used with mode: manifest");
    assertThat(only(around + "  - {type: checksum, name: ../SUMS}\n").message()).isEqualTo("must be a plain file name");
    assertThat(only(around + "  - {type: gzip, retry: {attempts: 0}}\n").field()).isEqualTo("/steps/0/retry/attempts");
    assertThat(only(around + "  - {type: gzip, retry: {attempts: 2, backoff: soon}}\n").field())
        .isEqualTo("/steps/0/retry/backoff");
    assertThat(only(around + "  - {type: webhook, url: \"ftp://x\"}\n").message()).isEqualTo("must be an http:// or https:// URL");
    assertThat(only(around + "  - {type: pgp-encrypt, recipients: []}\n").message()).isEqualTo("must list at least 1 item");
  }

  @Test
  void triggersAreCheckedPerType() {
    String base = "source: {vfs: partner-sftp}\n" + DEST;
    assertThat(only(base + "trigger: {type: poll, interval: 5s}\n"))
        .extracting(Problem::field, Problem::message).containsExactly("/trigger/interval", "must be at least 10s");
    assertThat(only(base + "trigger: {type: upload}\n").message()).startsWith("an upload trigger needs \"user\"");
    assertThat(only(base + "trigger: {type: upload, user: mallory}\n").message()).isEqualTo("no user named \"mallory\"");
    assertThat(only(base + "trigger: {type: manual, schedule: \"@daily\"}\n").message()).startsWith("unknown key \"schedule\"");
    assertThat(only(base + "trigger: {type: sometimes}\n").message())
        .isEqualTo("unknown trigger type \"sometimes\"; known types: manual, cron, upload, poll");
    PipelineDefinition poll = PipelineYaml.check(base + "trigger: {type: poll}\n", Names.DEMO).definition();
    assertThat(poll.trigger().interval()).isEqualTo(Duration.ofSeconds(60));
    PipelineDefinition cron = PipelineYaml.check(base + "trigger: {type: cron, schedule: \" @daily \"}\n", Names.DEMO)
        .definition();
    assertThat(cron.trigger()).isEqualTo(new Trigger(Trigger.Type.CRON, "@daily", "UTC", null, null, null, null));
    PipelineDefinition upload = PipelineYaml.check("source: {user: alice, path: /in}\n" + DEST
        + "trigger: {type: upload, user: bob}\n", Names.DEMO).definition();
    assertThat(upload.trigger()).isEqualTo(new Trigger(Trigger.Type.UPLOAD, null, null, "bob", "/", null, null));
  }

  @Test
  void aMistakeTheSchemaFoundIsNotSaidTwice() {
    PipelineYaml.Checked c = PipelineYaml.check("source: {vfs: partner-sftp, min_age: 30}\n" + DEST, Names.DEMO);
    assertThat(c.problems()).extracting(Problem::field).containsExactly("/source/min_age");
  }
}
