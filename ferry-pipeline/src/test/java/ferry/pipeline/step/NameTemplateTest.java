package ferry.pipeline.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.pipeline.definition.NameTemplate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NameTemplateTest {
  @TempDir Path tmp;

  @Test
  void everyPlaceholderExpands() throws Exception {
    TestContext ctx = new TestContext(tmp);
    String t = "{name}|{stem}|{ext}|{date}|{time}|{datetime}|{date:yyyy-MM-dd}|{time:HH.mm}|{run_id}|{counter}";
    assertThat(StepFiles.expand(NameTemplate.parse(t), "report.final.csv", ctx))
        .isEqualTo("report.final.csv|report.final|csv|20260304|050607|20260304T050607|2026-03-04|05.06|run-1|1");
  }

  @Test
  void counterTakesOneValuePerExpansionAndPads() throws Exception {
    TestContext ctx = new TestContext(tmp);
    NameTemplate t = NameTemplate.parse("{stem}-{counter:4}-{counter:4}.{ext}");
    assertThat(StepFiles.expand(t, "a.csv", ctx)).isEqualTo("a-0001-0001.csv");
    assertThat(StepFiles.expand(t, "b.csv", ctx)).isEqualTo("b-0002-0002.csv");
  }

  @Test
  void aNameWithoutExtensionHasAnEmptyExt() throws Exception {
    TestContext ctx = new TestContext(tmp);
    assertThat(StepFiles.expand(NameTemplate.parse("{stem}[{ext}]"), "README", ctx)).isEqualTo("README[]");
    assertThat(StepFiles.expand(NameTemplate.parse("{stem}[{ext}]"), ".profile", ctx)).isEqualTo(".profile[]");
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> NameTemplate.parse("{nme}.csv")).hasMessageContaining("unknown placeholder {nme}");
    assertThatThrownBy(() -> NameTemplate.parse("{date:qqqqqq}")).hasMessageContaining("bad date pattern in {date:qqqqqq}");
    assertThatThrownBy(() -> NameTemplate.parse("{counter:x}")).hasMessageContaining("counter width");
    assertThatThrownBy(() -> NameTemplate.parse("{stem")).hasMessageContaining("unclosed \"{\"");
    assertThatThrownBy(() -> NameTemplate.parse("stem}")).hasMessageContaining("\"}\" without \"{\"");
    assertThatThrownBy(() -> NameTemplate.parse("{ext:3}")).hasMessageContaining("takes no argument");
    assertThatThrownBy(() -> NameTemplate.parse("")).hasMessageContaining("empty");
  }

  @Test
  void aNameThatWouldEscapeIsRefused() {
    TestContext ctx = new TestContext(tmp);
    for (String t : new String[] {"../{name}", "/etc/{name}", "a/../../{name}", "{stem}/", "a\\{name}"}) {
      assertThatThrownBy(() -> StepFiles.expand(NameTemplate.parse(t), "x.csv", ctx))
          .as(t)
          .isInstanceOf(StepFailedException.class)
          .hasMessageContaining("must make a relative file name");
    }
  }
}
