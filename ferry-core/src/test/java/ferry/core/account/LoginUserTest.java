package ferry.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.folder.StorageTarget;
import ferry.core.session.SessionUser;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginUserTest {
  private static final SessionUser SESSION = new SessionUser("bob", Map.of("/", Set.of(Permission.ALL)), List.of(),
      0, 0, 0, 50, 60, 0, List.of(new SessionUser.Mount("/", null, new StorageTarget("local", Map.of("root", "/srv/bob")), -1, -1)));

  private static LoginUser withLimits(BandwidthLimit... limits) {
    return new LoginUser(SESSION, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(limits));
  }

  @Test
  void theFirstLimitWhoseNetworkHoldsTheClientWins() {
    LoginUser u = withLimits(
        new BandwidthLimit(List.of("10.0.0.0/8", "192.168.1.0/24"), 100, 200),
        new BandwidthLimit(List.of("192.168.0.0/16"), 300, 0));
    assertThat(u.sessionFrom("192.168.1.7")).extracting(SessionUser::uploadBandwidth, SessionUser::downloadBandwidth)
        .containsExactly(100L, 200L);
    assertThat(u.sessionFrom("192.168.9.9")).extracting(SessionUser::uploadBandwidth, SessionUser::downloadBandwidth)
        .containsExactly(300L, 0L);
  }

  @Test
  void aClientOutsideEveryListedNetworkKeepsTheUsersOwnLimits() {
    LoginUser u = withLimits(new BandwidthLimit(List.of("10.0.0.0/8"), 1, 1));
    assertThat(u.sessionFrom("203.0.113.5")).isSameAs(SESSION);
    assertThat(u.sessionFrom("::1")).isSameAs(SESSION);
    assertThat(u.sessionFrom("not an address")).isSameAs(SESSION);
  }
}
