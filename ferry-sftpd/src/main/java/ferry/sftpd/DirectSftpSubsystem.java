package ferry.sftpd;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.common.channel.BufferedIoOutputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.SftpModuleProperties;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * MINA's SFTP subsystem, answering a request on the SSH I/O thread that received it whenever that
 * cannot block: no earlier request is still waiting for the channel's SFTP thread, the request is
 * not an extension, the session's storage waits on nothing but a local disk, and the reply fits
 * in the output buffer without waiting for the client. Everything else goes to the SFTP thread as
 * in MINA, in arrival order. A small request thus costs no thread switch, which on loopback is
 * most of its time (bench/sftp/README.md).
 *
 * <p>Never blocking matters: the I/O thread that runs a request is the one that would read the
 * client's window adjustments, so a reply that had to wait for one would wait forever.
 */
final class DirectSftpSubsystem extends SftpSubsystem {
  /** Room a reply may need: a full READ, or a READDIR batch plus one long entry. */
  private final int largestReply;
  /** Requests handed to the SFTP thread and not yet answered; inline only at zero keeps order. */
  private final AtomicInteger queued = new AtomicInteger();
  /** Held while a request runs inline, so the SFTP thread's final cleanup never overlaps one. */
  private final ReentrantLock inline = new ReentrantLock();
  private boolean finished; // guarded by inline
  private ReplyStream replies;
  /** The session's storage never waits on a network; a property of the login, decided once. */
  private volatile Boolean localDiskOnly;

  DirectSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator) {
    super(channel, configurator);
    largestReply =
        Math.max(
                SftpModuleProperties.MAX_READDATA_PACKET_LENGTH.getRequired(channel),
                SftpModuleProperties.MAX_READDIR_DATA_SIZE.getRequired(channel))
            + 8192;
  }

  @Override
  public void setIoOutputStream(IoOutputStream out) {
    ChannelSession channel = getServerChannelSession();
    replies = new ReplyStream(channel.getChannelId(), out, channel);
    this.out = replies;
  }

  @Override
  public int data(ChannelSession channel, byte[] buf, int start, int len) throws IOException {
    buffer.compact();
    buffer.putRawBytes(buf, start, len);
    while (buffer.available() >= Integer.BYTES) {
      int rpos = buffer.rpos();
      int length = buffer.getInt();
      if (buffer.available() < length) {
        buffer.rpos(rpos);
        break;
      }
      Buffer request = new ByteArrayBuffer(length + Integer.BYTES, false);
      request.putUInt(length);
      request.putRawBytes(buffer.array(), buffer.rpos(), length);
      buffer.rpos(rpos + Integer.BYTES + length);
      if (!runInline(channel, request)) {
        queued.incrementAndGet();
        requests.add(request);
      }
    }
    return 0; // the window opens as requests are answered, as in MINA
  }

  private boolean runInline(ChannelSession channel, Buffer request) throws IOException {
    if (queued.get() != 0
        || isExtended(request)
        || !replies.hasRoomFor(largestReply)
        || !storageNeverWaits()) {
      return false;
    }
    inline.lock();
    try {
      if (finished) {
        return true; // the channel is closing: nothing more is answered, as in MINA
      }
      int length = request.available();
      process(request);
      channel.getLocalWindow().release(length);
      return true;
    } finally {
      inline.unlock();
    }
  }

  /** Extensions (check-file and md5 hashes, copy-data) may read whole files: never inline. */
  private static boolean isExtended(Buffer request) {
    return (request.array()[request.rpos() + Integer.BYTES] & 0xff) == SftpConstants.SSH_FXP_EXTENDED;
  }

  private boolean storageNeverWaits() {
    Boolean local = localDiskOnly;
    if (local == null) {
      local = fileSystem instanceof SessionFileSystem files && files.waitsOnlyOnLocalDisk();
      localDiskOnly = local;
    }
    return local;
  }

  @Override
  public void run() {
    int exitCode = 0;
    try {
      ChannelSession channel = getServerChannelSession();
      while (true) {
        Buffer request = requests.take();
        if (request == CLOSE) {
          break;
        }
        int length = request.available();
        try {
          process(request);
        } finally {
          queued.decrementAndGet();
        }
        channel.getLocalWindow().release(length);
      }
    } catch (Throwable t) {
      if (!closed.get()) {
        exitCode = -1;
        if (getServerChannelSession().isClosing()) {
          // the client left with replies still to send: ordinary, one line (issue 10)
          log.info("SFTP session of {} ended by the client: {}", getServerSession(), t.toString());
        } else {
          error("SFTP subsystem of {} stopped: {}", getServerSession(), t.toString(), t);
        }
      }
    } finally {
      inline.lock();
      try {
        finished = true;
        closeAllHandles();
      } finally {
        inline.unlock();
      }
      callback.onExit(exitCode, exitCode != 0);
    }
  }

  /** Creates this subsystem for each SFTP channel, with the factory's accessor and listeners. */
  static final class Factory extends SftpSubsystemFactory {
    @Override
    public Command createSubsystem(ChannelSession channel) {
      DirectSftpSubsystem subsystem = new DirectSftpSubsystem(channel, this);
      getRegisteredListeners().forEach(subsystem::addSftpEventListener);
      return subsystem;
    }
  }

  /** MINA's buffered reply stream, telling whether a reply would have to wait for room. */
  private static final class ReplyStream extends BufferedIoOutputStream {
    ReplyStream(long channelId, IoOutputStream out, ChannelSession channel) {
      super("sftp-out@" + channelId, channelId, out, channel);
    }

    /** True if a reply of up to {@code bytes} is taken at once (see waitForAvailableWriteSpace). */
    boolean hasRoomFor(int bytes) {
      int pending = pendingBytesCount.get();
      return pendingException.get() == null && (pending == 0 || pending + bytes <= maxPendingBytesCount);
    }
  }
}
