package ferry.sftpd;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.scp.common.ScpTransferEventListener;
import org.apache.sshd.scp.server.ScpCommand;
import org.apache.sshd.scp.server.ScpCommandFactory;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * The only exec commands the server runs: {@code scp -t}/{@code scp -f}, each on a file system of
 * its own whose transfers are recorded as protocol {@code SCP}. Anything else is refused (no shell).
 */
final class ScpCommands extends ScpCommandFactory {
  private final FileSystemFactory scpFileSystems;

  /** {@code cutShortCause} tells why a transfer stopped mid-file, e.g. "the client disconnected". */
  ScpCommands(FileSystemFactory scpFileSystems, Supplier<String> cutShortCause) {
    this.scpFileSystems = scpFileSystems;
    setScpFileOpener(new ScpOpener(cutShortCause));
    setDelegateCommandFactory((channel, command) -> new RefusedCommand());
  }

  @Override
  protected Command executeSupportedCommand(ChannelSession channel, String command) {
    return new ScpCommand(
        channel,
        command,
        resolveExecutorService(command),
        getSendBufferSize(),
        getReceiveBufferSize(),
        getScpFileOpener(),
        ScpTransferEventListener.EMPTY) {
      @Override
      public void setFileSystemFactory(FileSystemFactory factory, SessionContext session)
          throws IOException {
        setFileSystem(scpFileSystems.createFileSystem(session));
      }
    };
  }
}
