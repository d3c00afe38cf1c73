package ferry.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VfsProvidersTest {
  @Test
  void discoversTheLocalProvider(@TempDir Path dir) throws IOException {
    VfsProviders providers = VfsProviders.discover(getClass().getClassLoader());
    assertThat(providers.types()).contains("local");
    try (Vfs vfs = providers.open("local", Map.of("root", dir.toString()))) {
      assertThat(vfs.stat(VPath.ROOT).isDir()).isTrue();
    }
    assertThatThrownBy(() -> providers.open("nope", Map.of()))
        .hasMessageContaining("Unknown vfs type");
    assertThatThrownBy(() -> providers.open("local", Map.of())).hasMessageContaining("local.root");
  }
}
