package ferry.cli;

import picocli.CommandLine.Mixin;

/** Base of the commands that call the admin API of the local server or of {@code --host}. */
abstract class AdminCommand extends ApiCommand {
  @Mixin ServerOptions server;

  @Override
  final int execute() {
    try (FerryClient client = server.connectAdmin()) {
      return execute(client);
    }
  }

  /** Does the command's work with a connected client; returns the exit code. */
  abstract int execute(FerryClient client);
}
