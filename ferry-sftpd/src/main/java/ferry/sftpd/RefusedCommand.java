package ferry.sftpd;

import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** Answers a shell or an exec command other than scp: says why on stderr and exits 127. */
final class RefusedCommand implements Command {
  static final int EXIT_CODE = 127;
  static final String MESSAGE = "ferry: only SFTP and SCP are available on this server";

  private OutputStream err;
  private ExitCallback exit;

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setInputStream(InputStream in) {}

  @Override
  public void setOutputStream(OutputStream out) {}

  @Override
  public void start(ChannelSession channel, Environment env) {
    try {
      err.write((MESSAGE + "\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException e) {
      // the client went away; the exit status below still ends the channel
    }
    exit.onExit(EXIT_CODE, MESSAGE);
  }

  @Override
  public void destroy(ChannelSession channel) {}
}
