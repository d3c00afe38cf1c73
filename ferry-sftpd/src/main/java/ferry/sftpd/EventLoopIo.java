package ferry.sftpd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2Acceptor;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * MINA's NIO2 transport on a fixed-size channel group, whose threads wait on epoll themselves and
 * run the completion handlers they wake up for. MINA's own group wraps an executor, for which
 * the JDK adds an internal epoll thread that hands every event to a pool thread: one more thread
 * switch per packet, which is most of the time of a small SFTP request on loopback. Within a
 * fixed group, the thread that polled wakes another to poll next while it handles the event, so
 * each thread beyond the first costs a wake-up per event; hence few threads (see {@link
 * SftpdConfig#DEFAULT_IO_THREADS}), and {@link DirectSftpSubsystem} keeps them from blocking.
 */
final class EventLoopIo implements IoServiceFactoryFactory {
  private final int threads;

  EventLoopIo(int threads) {
    this.threads = threads;
  }

  @Override
  public IoServiceFactory create(FactoryManager manager) {
    return new Service(manager, threads);
  }

  @Override
  public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
    throw new UnsupportedOperationException("the event loop threads are Ferry's own");
  }

  private static final class Service extends Nio2ServiceFactory {
    private final AsynchronousChannelGroup group;
    private final CloseableExecutorService resuming;

    Service(FactoryManager manager, int threads) {
      // MINA's group, made by the superclass, stays unused: it holds one idle thread
      super(manager, null, null);
      resuming = ThreadUtils.newFixedThreadPool(manager + "-io-resume", threads);
      try {
        group = AsynchronousChannelGroup.withFixedThreadPool(
            threads, Thread.ofPlatform().name(manager + "-io-", 1).daemon().factory());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the SSH I/O threads: " + e.getMessage(), e);
      }
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
      return autowireCreatedService(new Nio2Connector(this, getFactoryManager(), handler, group, resuming));
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
      return autowireCreatedService(new Nio2Acceptor(this, getFactoryManager(), handler, group, resuming));
    }

    @Override
    protected void doCloseImmediately() {
      resuming.shutdownNow();
      try {
        group.shutdownNow();
        group.awaitTermination(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        log.debug("SSH I/O threads did not stop cleanly: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        super.doCloseImmediately();
      }
    }
  }
}
