package ferry.cli;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/** How the long-running commands (serve, agent) live in the foreground until SIGTERM or Ctrl-C. */
final class UntilSignalled {
  private UntilSignalled() {}

  /**
   * Blocks until TERM or INT, then runs {@code stop}. Handling the signals here (rather than only in
   * a shutdown hook) lets a graceful stop exit 0; the hook named {@code hookName} still stops on
   * other exits.
   */
  static void run(Runnable stop, String hookName) throws InterruptedException {
    CountDownLatch signalled = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), s -> signalled.countDown());
    Signal.handle(new Signal("INT"), s -> signalled.countDown());
    Runtime.getRuntime().addShutdownHook(new Thread(stop, hookName));
    signalled.await();
    stop.run();
  }
}
