package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 11 item 8: a usage error is one line saying what is wrong and where to read more, not the whole help. */
class UsageErrorsTest extends AdminTestSupport {
  static final String NL = System.lineSeparator();

  @Test
  void aMissingOptionIsOneLineAndTheHelpCommandToRead() {
    Cli.Result r = Cli.run("start", "-n", "My Backup Job");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("ferry: Missing required option: '--apikey=KEY' (needed by ferry start)" + NL
        + "Try 'ferry help start' for its options and examples." + NL);
  }

  @Test
  void anInvalidValueFoundByTheCommandItselfIsReportedTheSameWay() {
    Cli.Result r = ferry("job", "list", "--status", "done");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(2);
    assertThat(r.err()).startsWith("ferry: Invalid value for option '--status': 'done'")
        .endsWith("Try 'ferry job list --help' for its options and examples." + NL);
  }

  @Test
  void aMistypedCommandGetsTheSuggestionAndTheHint() {
    Cli.Result r = Cli.run("strat", "-n", "x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).containsExactly(
        "ferry: Unmatched arguments from index 0: 'strat', '-n', 'x'",
        "Did you mean: ferry transfers or ferry start or ferry customer?",
        "Try 'ferry help' for the commands.");
  }

  @Test
  void aGroupWithoutItsSubcommandNamesThem() {
    Cli.Result r = Cli.run("job");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ferry: 'ferry job' needs a command: get, list or cancel" + NL
        + "Try 'ferry help job' for its options and examples." + NL);
    assertThat(Cli.run().err())
        .startsWith("ferry: 'ferry' needs a command: serve, start, run,")
        .endsWith("Try 'ferry help' for the commands." + NL);
  }

  @Test
  void anUnknownHelpTopicPointsAtTheListOfCommands() {
    Cli.Result r = Cli.run("help", "frobnicate");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).endsWith("Try 'ferry help' for the commands." + NL).hasLineCount(2);
  }
}
