package ferry.pipeline.definition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** YAML from anyone: bombs, huge documents, recursion and object tags are refused quickly. */
class YamlLimitsTest {
  static Problem only(String yaml) {
    PipelineYaml.Checked c = PipelineYaml.check(yaml, Names.DEMO);
    assertThat(c.problems()).hasSize(1);
    return c.problems().get(0);
  }

  @Test
  void aBillionLaughsBombIsRefusedFast() {
    StringBuilder y = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      y.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) y.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      y.append("]\n");
    }
    long start = System.nanoTime();
    Problem p = only(y.toString());
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    assertThat(p.message()).contains("too many aliases");
  }

  @Test
  void fewAliasesOfABigListStillCannotExpandPastTheNodeBudget() {
    StringBuilder y = new StringBuilder("big: &big [");
    for (int i = 0; i < 20_000; i++) y.append(i == 0 ? "" : ",").append('x');
    y.append("]\nmore: [*big, *big, *big, *big, *big, *big]\n");
    Problem p = only(y.toString());
    assertThat(p.message()).contains("expands to more than " + YamlTree.MAX_NODES + " values");
    assertThat(p.line()).isPositive();
  }

  @Test
  void twoMegabytesAreRefusedBeforeParsing() {
    String big = "source: {vfs: partner-sftp}\n# " + "x".repeat(2 * 1024 * 1024) + "\n";
    long start = System.nanoTime();
    Problem p = only(big);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    assertThat(p.line()).isZero();
    assertThat(p.message()).contains("at most " + YamlTree.MAX_CODE_POINTS);
  }

  @Test
  void deepNestingIsRefusedWithoutOverflowingTheStack() {
    Problem p = only("source: {vfs: partner-sftp}\nx: " + "[".repeat(200_000) + "\n");
    assertThat(p.line()).isEqualTo(2);
    assertThat(p.message()).isEqualTo("YAML refused: lists and mappings nest more than " + YamlTree.MAX_DEPTH + " deep");
  }

  @Test
  void controlCharactersAreRefusedWithTheirLine() {
    Problem p = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-\u0007out}\n");
    assertThat(p).isEqualTo(new Problem(2, 0, "", "YAML refused: character U+0007 is not allowed"));
  }

  @Test
  void aRecursiveAliasIsRefused() {
    Problem p = only("source: &s\n  vfs: partner-sftp\n  me: *s\ndestination: {vfs: s3-out}\n");
    assertThat(p.message()).satisfiesAnyOf(m -> assertThat(m).contains("refers to itself"),
        m -> assertThat(m).contains("ecursive"));
  }

  @Test
  void tagsThatBuildObjectsAreRefusedAtTheirLine() {
    Problem p = only("source:\n  vfs: !!java.lang.Runtime x\ndestination: {vfs: s3-out}\n");
    assertThat(p.line()).isEqualTo(2);
    assertThat(p.field()).isEqualTo("/source/vfs");
    assertThat(p.message()).contains("not allowed");
  }

  @Test
  void moreThanOneDocumentIsRefused() {
    Problem p = only("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\n---\nsource: {vfs: x}\n");
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.message()).contains("single document");
  }

  @Test
  void anEmptyOrNonMappingDocumentIsOneProblem() {
    assertThat(only("").message()).isEqualTo("the pipeline is empty");
    assertThat(only("# nothing\n").message()).isEqualTo("the pipeline is empty");
    assertThat(only("- a\n- b\n").message()).startsWith("a pipeline is a mapping");
  }

  @Test
  void manyMistakesAreCappedWithACount() {
    StringBuilder y = new StringBuilder("source: {vfs: partner-sftp}\ndestination: {vfs: s3-out}\nsteps:\n");
    for (int i = 0; i < 300; i++) y.append("  - {type: gzip, bad").append(i).append(": 1}\n");
    var problems = PipelineYaml.check(y.toString(), Names.DEMO).problems();
    assertThat(problems).hasSize(PipelineYaml.MAX_PROBLEMS + 1);
    assertThat(problems.get(0).message()).isEqualTo("must list at most 100 items");
    assertThat(problems.get(PipelineYaml.MAX_PROBLEMS).message()).isEqualTo("and 251 more problems");
  }

  @Test
  void aSmallAnchorReusedIsFine() {
    String yaml = """
        source: {vfs: partner-sftp}
        destinations:
          - &out {vfs: s3-out, path: /in, overwrite: skip}
          - *out
        """;
    assertThat(PipelineYaml.check(yaml, Names.DEMO).definition().destinations()).hasSize(2);
  }
}
