package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VPathTest {
  @Test
  void parsesAndNormalizes() {
    assertThat(VPath.of("a//b/./c/").toString()).isEqualTo("/a/b/c");
    assertThat(VPath.of("/a/b/../c").toString()).isEqualTo("/a/c");
    assertThat(VPath.of("").isRoot()).isTrue();
    assertThat(VPath.of("/").toString()).isEqualTo("/");
  }

  @Test
  void dotDotNeverEscapesTheRoot() {
    assertThat(VPath.of("/../../etc/passwd").toString()).isEqualTo("/etc/passwd");
    assertThat(VPath.of("/a").resolve("../../../b").toString()).isEqualTo("/b");
    assertThat(VPath.of("/a/b").resolve("/x").toString()).isEqualTo("/x");
    assertThat(VPath.of("..")).isEqualTo(VPath.ROOT);
  }

  @Test
  void navigates() {
    VPath p = VPath.of("/a/b/c.txt");
    assertThat(p.name()).isEqualTo("c.txt");
    assertThat(p.parent()).contains(VPath.of("/a/b"));
    assertThat(VPath.ROOT.parent()).isEmpty();
    assertThat(p.startsWith(VPath.of("/a"))).isTrue();
    assertThat(p.startsWith(VPath.of("/a/b/c"))).isFalse();
    assertThat(p.relativeTo(VPath.of("/a"))).isEqualTo("b/c.txt");
    assertThat(p.names()).containsExactly("a", "b", "c.txt");
  }

  @Test
  void rejectsNul() {
    assertThatThrownBy(() -> VPath.of("/a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void temporaryUploadNamesAreHiddenSiblings() {
    VPath temp = UploadNames.tempFor(VPath.of("/d/report.csv"));
    assertThat(temp.parent()).contains(VPath.of("/d"));
    assertThat(temp.name()).startsWith(".report.csv.ferry-part-");
    assertThat(UploadNames.isTemp(temp.name())).isTrue();
    assertThat(UploadNames.tempFor(VPath.of("/d/report.csv"))).isNotEqualTo(temp);
  }
}
