package ferry.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.error.ValidationException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void matchesAddressesInsideThePrefixOnly() throws Exception {
    Cidr net = Cidr.parse("10.1.0.0/16");
    assertThat(net.contains(InetAddress.getByName("10.1.200.3"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
    assertThat(Cidr.parse("192.168.1.7").contains(InetAddress.getByName("192.168.1.7"))).isTrue();
    assertThat(Cidr.parse("::1/128").contains(InetAddress.getByName("::1"))).isTrue();
    assertThat(Cidr.parse("::1/128").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(Cidr.parse("10.0.0.0/7").contains(InetAddress.getByName("11.255.0.1"))).isTrue();
  }

  @Test
  void refusesNamesAndBadPrefixesWithoutResolvingThem() {
    assertThatThrownBy(() -> Cidr.parse("example.org")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("0..32");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a number");
  }
}
