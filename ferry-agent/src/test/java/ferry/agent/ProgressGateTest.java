package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressGateTest {
  static final long MS = 1_000_000L;

  @Test
  void reportsAtEachTenthEvenWithinASecond() {
    ProgressGate g = new ProgressGate(1000, 0);
    assertThat(g.due(50, 10 * MS)).isFalse();
    assertThat(g.due(100, 20 * MS)).isTrue();
    assertThat(g.due(150, 30 * MS)).isFalse();
    assertThat(g.due(350, 40 * MS)).isTrue(); // two tenths at once: one report
    assertThat(g.due(390, 50 * MS)).isFalse();
    assertThat(g.percent(390)).isEqualTo(39);
  }

  @Test
  void reportsEverySecondEvenWithoutATenth() {
    ProgressGate g = new ProgressGate(1_000_000, 0);
    assertThat(g.due(1, 999 * MS)).isFalse();
    assertThat(g.due(2, 1000 * MS)).isTrue();
    assertThat(g.due(3, 1500 * MS)).isFalse();
    assertThat(g.due(4, 2000 * MS)).isTrue();
  }

  @Test
  void anUnknownSizeReportsByTheClockAtZeroPercent() {
    ProgressGate g = new ProgressGate(-1, 0);
    assertThat(g.due(10_000, 10 * MS)).isFalse();
    assertThat(g.due(20_000, 1000 * MS)).isTrue();
    assertThat(g.percent(20_000)).isZero();
  }
}
