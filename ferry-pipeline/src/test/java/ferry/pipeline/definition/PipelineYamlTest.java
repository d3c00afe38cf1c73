package ferry.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineYamlTest {
  static final String VALID = """
      version: 1
      source:
        vfs: partner-sftp
        path: /outbox
        pattern: "*.csv"
        min_size: 1
        max_size: 1GiB
        min_age: 30s
        after: move
        archive_path: /archive
      steps:
        - type: zip
          name: "batch-{date}.zip"
        - type: pgp-encrypt
          recipients: [partner-pub]
          sign_with: our-key
          passphrase: our-key-pass
          retry: {attempts: 3, backoff: 5s}
      destinations:
        - vfs: s3-out
          path: /inbound
        - vfs: sftp-out
          overwrite: fail
          temp_rename: false
      trigger:
        type: cron
        schedule: "*/5 * * * *"
        timezone: Europe/Berlin
      notify:
        on_failure: {url: "https://hooks.example/x", secret: hook-secret}
      """;

  static Problem only(String yaml) {
    PipelineYaml.Checked c = PipelineYaml.check(yaml, Names.DEMO);
    assertThat(c.problems()).hasSize(1);
    assertThat(c.definition()).isNull();
    return c.problems().get(0);
  }

  @Test
  void aValidPipelineBecomesItsDefinition() {
    PipelineYaml.Checked c = PipelineYaml.check(VALID, Names.DEMO);
    assertThat(c.problems()).isEmpty();
    PipelineDefinition d = c.definition();
    assertThat(d.source().location()).isEqualTo(new Location("partner-sftp", null, "/outbox"));
    assertThat(d.source().pattern()).isEqualTo("*.csv");
    assertThat(d.source().minSize()).isEqualTo(1L);
    assertThat(d.source().maxSize()).isEqualTo(1L << 30);
    assertThat(d.source().minAge()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.source().after()).isEqualTo(Source.AfterSuccess.MOVE);
    assertThat(d.source().archivePath()).isEqualTo("/archive");
    assertThat(d.steps()).extracting(StepSpec::type).containsExactly("zip", "pgp-encrypt");
    assertThat(d.steps().get(0).line()).isEqualTo(12);
    StepSpec pgp = d.steps().get(1);
    assertThat(pgp.list("recipients")).containsExactly("partner-pub");
    assertThat(pgp.options()).doesNotContainKeys("type", "retry");
    assertThat(pgp.retry()).isEqualTo(new StepSpec.Retry(3, Duration.ofSeconds(5)));
    assertThat(d.destinations()).containsExactly(
        new Destination(new Location("s3-out", null, "/inbound"), Destination.Overwrite.REPLACE, true),
        new Destination(new Location("sftp-out", null, "/"), Destination.Overwrite.FAIL, false));
    assertThat(d.trigger()).isEqualTo(new Trigger(Trigger.Type.CRON, "*/5 * * * *", "Europe/Berlin", null, null, null, null));
    assertThat(d.notifications()).isEqualTo(new Notify(null, new Notify.Webhook("https://hooks.example/x", "hook-secret")));
  }

  @Test
  void aMistakeInLineSevenIsReportedAtLineSevenWithItsField() {
    String yaml = """
        source:
          vfs: partner-sftp
          path: /outbox
        steps:
          - type: zip
          - type: gzip
          - type: gzipp
        destination:
          vfs: s3-out
        """;
    Problem p = only(yaml);
    assertThat(p.line()).isEqualTo(7);
    assertThat(p.column()).isEqualTo(11);
    assertThat(p.field()).isEqualTo("/steps/2/type");
    assertThat(p.message()).contains("unknown step type \"gzipp\"").contains("zip, unzip, gzip, gunzip");
    assertThat(p.toString()).startsWith("line 7, column 11: /steps/2/type: ");
  }

  @Test
  void anUnknownKeyIsNamedAtItsKeyWithASuggestion() {
    Problem p = only("source:\n  vfs: partner-sftp\n  patern: \"*.csv\"\ndestination: {vfs: s3-out}\n");
    assertThat(p).isEqualTo(new Problem(3, 3, "/source/patern", "unknown key \"patern\"; did you mean \"pattern\"?"));
    Problem far = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out, colour: red}\n");
    assertThat(far.field()).isEqualTo("/destination/colour");
    assertThat(far.message()).startsWith("unknown key \"colour\"; known keys: vfs, user, path, overwrite, temp_rename");
    assertThat(only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\nextra: 1\n").field()).isEqualTo("/extra");
  }

  @Test
  void aSwappedPairOfLettersStillGetsASuggestion() {
    assertThat(only("source: {vsf: partner-sftp}\ndestination: {vfs: s3-out}\n").message())
        .isEqualTo("unknown key \"vsf\"; did you mean \"vfs\"?");
  }

  @Test
  void aStepWithoutTypeIsToldTheTypes() {
    Problem p = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\nsteps:\n  - name: x.zip\n");
    assertThat(p.field()).isEqualTo("/steps/0/type");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.message()).startsWith("missing key \"type\" (one of: filter, rename, zip,");
  }

  @Test
  void pathsAreAbsoluteWithoutDotDot() {
    for (String path : new String[] {"in", "/in/../../etc", "/..", "/a/.."})
      assertThat(only("source: {vfs: partner-sftp, path: \"" + path + "\"}\ndestination: {vfs: s3-out}\n"))
          .extracting(Problem::field, Problem::message)
          .containsExactly("/source/path", "must be an absolute path: starting with \"/\", without \"..\"");
    assertThat(PipelineYaml.check("source: {vfs: partner-sftp, path: /a..b/c}\ndestination: {vfs: s3-out, path: /x}\n",
        Names.DEMO).ok()).isTrue();
  }

  @Test
  void aSyntaxErrorIsOneProblemAtTheParsersPlace() {
    Problem p = only("source:\n  vfs: partner-sftp\n  path: [/a\ndestination: {vfs: s3-out}\n");
    assertThat(p.line()).isEqualTo(4);
    assertThat(p.message()).startsWith("YAML syntax error: ");
    Problem tab = only("source:\n  vfs: a\n\tpath: /x\n");
    assertThat(tab.line()).isEqualTo(3);
  }

  @Test
  void aDuplicateKeyIsRefusedWhereItIsRepeated() {
    Problem p = only("source:\n  vfs: partner-sftp\n  path: /a\n  path: /b\ndestination: {vfs: s3-out}\n");
    assertThat(p).isEqualTo(new Problem(4, 3, "/source/path", "duplicate key \"path\""));
  }

  @Test
  void destinationAndDestinationsTogetherAreOneProblem() {
    Problem p = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\ndestinations:\n  - {vfs: sftp-out}\n");
    assertThat(p).isEqualTo(new Problem(3, 1, "/destinations", "use \"destination\" or \"destinations\", not both"));
    Problem none = only("source: {vfs: partner-sftp}\n");
    assertThat(none.message()).startsWith("missing key \"destination\"");
    assertThat(only("source: {vfs: partner-sftp}\ndestinations: []\n").message()).isEqualTo("must list at least 1 item");
  }

  @Test
  void unknownNamesAreNamedAtTheirLine() {
    String yaml = """
        source: {vfs: nope-sftp}
        steps:
          - type: pgp-encrypt
            recipients: [partner-pub, nope-pub]
          - type: script
            script: nope-script
        destination: {user: nope-user}
        notify:
          on_success: {url: "https://h.example", secret: nope-hook}
        """;
    List<Problem> problems = PipelineYaml.check(yaml, Names.DEMO).problems();
    assertThat(problems).extracting(Problem::line, Problem::field, Problem::message).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1, "/source/vfs", "no VFS Library entry named \"nope-sftp\""),
        org.assertj.core.groups.Tuple.tuple(4, "/steps/0/recipients/1", "no secret named \"nope-pub\""),
        org.assertj.core.groups.Tuple.tuple(6, "/steps/1/script", "no script named \"nope-script\""),
        org.assertj.core.groups.Tuple.tuple(7, "/destination/user", "no user named \"nope-user\""),
        org.assertj.core.groups.Tuple.tuple(9, "/notify/on_success/secret", "no secret named \"nope-hook\""));
  }

  @Test
  void aCronMistakeNamesTheScheduleAndTheCronField() {
    Problem p = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\ntrigger:\n  type: cron\n  schedule: \"61 * * * *\"\n");
    assertThat(p.line()).isEqualTo(5);
    assertThat(p.field()).isEqualTo("/trigger/schedule");
    assertThat(p.message()).contains("minute field \"61\"");
    Problem tz = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\ntrigger: {type: cron, schedule: \"@daily\", timezone: Mars/Olympus}\n");
    assertThat(tz.field()).isEqualTo("/trigger/timezone");
    assertThat(tz.message()).contains("Mars/Olympus");
    Problem typo = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\ntrigger: {type: cron, schedul: \"@daily\"}\n");
    assertThat(typo.message()).isEqualTo("unknown key \"schedul\"; did you mean \"schedule\"?");
  }

  @Test
  void theSchemaIsDraft2020JsonWithEveryStepType() {
    String schema = PipelineYaml.schema();
    assertThat(schema).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    for (String type : List.of("filter", "rename", "zip", "unzip", "gzip", "gunzip", "pgp-encrypt", "pgp-decrypt",
        "pgp-sign", "pgp-verify", "checksum", "script", "webhook"))
      assertThat(schema).contains("\"step-" + type + "\"");
  }
}
