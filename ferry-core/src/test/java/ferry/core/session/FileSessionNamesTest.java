package ferry.core.session;

import static ferry.core.session.SessionFixture.put;
import static ferry.core.session.SessionFixture.upload;
import static ferry.core.session.SessionFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.vfs.VPath;
import java.nio.file.AccessDeniedException;
import org.junit.jupiter.api.Test;

/** No protocol creates a file or directory whose name holds a control character (issue 10). */
class FileSessionNamesTest {
  private final SessionFixture fx = new SessionFixture();

  @Test
  void namesWithControlCharactersCannotBeCreated() throws Exception {
    put(fx.storage("home"), "/a.txt", "a");
    try (FileSession s = fx.open(user().build())) {
      for (String name : new String[] {"/x\ny.txt", "/\u001b[2J", "/tab\t", "/nul\0"}) {
        assertThatThrownBy(() -> upload(s, name, "x")).as(name).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> s.mkdir(name)).as(name).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> s.rename("/a.txt", name, false)).as(name).isInstanceOf(AccessDeniedException.class);
      }
      upload(s, "/ünïcode ok.txt", "fine");
    }
    assertThat(fx.storage("home").find(VPath.of("/a.txt"))).isPresent();
    assertThat(fx.storage("home").find(VPath.of("/x\ny.txt"))).isEmpty();
  }
}
