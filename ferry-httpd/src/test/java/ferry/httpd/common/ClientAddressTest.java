package ferry.httpd.common;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.auth.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  final ClientAddress behindProxy = new ClientAddress(List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("10.0.0.0/8")));

  @Test
  void withoutTrustedProxiesTheTcpPeerIsTheClientWhateverTheHeadersSay() {
    ClientAddress none = new ClientAddress(List.of());
    assertThat(none.resolve("127.0.0.1", "for=198.51.100.7", "198.51.100.7")).isEqualTo("127.0.0.1");
  }

  @Test
  void aTrustedProxyNamesTheClientAsTheRightmostUntrustedEntry() {
    // the client forged 203.0.113.66; the proxy appended the real peer 198.51.100.7
    assertThat(behindProxy.resolve("127.0.0.1", null, "203.0.113.66, 198.51.100.7")).isEqualTo("198.51.100.7");
    // a chain of trusted proxies is skipped
    assertThat(behindProxy.resolve("127.0.0.1", null, "203.0.113.66, 198.51.100.7, 10.1.2.3")).isEqualTo("198.51.100.7");
    assertThat(behindProxy.resolve("127.0.0.1", "for=203.0.113.66, for=\"[2001:db8::1]:4711\"", null))
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(behindProxy.resolve("127.0.0.1", "for=198.51.100.7:80;proto=https", "1.1.1.1")).isEqualTo("198.51.100.7");
  }

  @Test
  void anUntrustedPeerIsNeverReplacedByItsHeaders() {
    assertThat(behindProxy.resolve("198.51.100.9", null, "127.0.0.1")).isEqualTo("198.51.100.9");
  }

  @Test
  void aProxyWithoutAUsableHeaderIsItselfTheClient() {
    assertThat(behindProxy.resolve("127.0.0.1", null, null)).isEqualTo("127.0.0.1");
    assertThat(behindProxy.resolve("127.0.0.1", null, "garbage")).isEqualTo("127.0.0.1");
    assertThat(behindProxy.resolve("127.0.0.1", "for=unknown", null)).isEqualTo("127.0.0.1");
  }
}
