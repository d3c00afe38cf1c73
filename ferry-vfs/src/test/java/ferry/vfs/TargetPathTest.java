package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetPathTest {
  @Test
  void aTrailingSlashOrADotNameNamesADirectory() {
    assertThat(TargetPath.parse("/up/")).isEqualTo(new TargetPath(VPath.of("/up"), true));
    assertThat(TargetPath.parse("/up//")).isEqualTo(new TargetPath(VPath.of("/up"), true));
    assertThat(TargetPath.parse("/up/.").intoDirectory()).isTrue();
    assertThat(TargetPath.parse("/up/x/..")).isEqualTo(new TargetPath(VPath.of("/up"), true));
    assertThat(TargetPath.parse("/").intoDirectory()).isTrue();
    assertThat(TargetPath.parse("").intoDirectory()).isTrue();
    assertThat(TargetPath.parse("/up").intoDirectory()).isFalse();
    assertThat(TargetPath.parse("up/file.txt").intoDirectory()).isFalse();
    assertThat(TargetPath.parse("/up/").toString()).isEqualTo("/up/");
  }
}
