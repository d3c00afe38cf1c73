import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Opens N SSH sessions, each with an SFTP channel that has listed its home once, and holds them
 * idle until stdin closes: one JVM instead of N ssh processes. Prints "OPEN n" when all are up.
 * Run by bench/sftp/run.sh: java -cp 'ferry-cli/target/lib/*' IdleSessions.java host port user key n.
 */
public class IdleSessions {
  public static void main(String[] args) throws Exception {
    quietLogging();
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String user = args[2];
    Path key = Path.of(args[3]);
    int n = Integer.parseInt(args[4]);
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.setKeyIdentityProvider(new FileKeyPairProvider(key));
    client.start();
    List<ClientSession> sessions = Collections.synchronizedList(new ArrayList<>());
    List<SftpClient> channels = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger open = new AtomicInteger();
    long t0 = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < n; i++) done.add(pool.submit(() -> {
        ClientSession s = client.connect(user, host, port).verify(Duration.ofSeconds(60)).getSession();
        sessions.add(s);
        s.auth().verify(Duration.ofSeconds(60));
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(s);
        channels.add(sftp);
        sftp.readDir(".").forEach(e -> {});
        int k = open.incrementAndGet();
        if (k % 100 == 0) System.err.println("open " + k);
        return null;
      }));
      for (Future<?> f : done) f.get();
    }
    System.out.printf("OPEN %d in %.1f s%n", open.get(), (System.nanoTime() - t0) / 1e9);
    System.out.flush();
    while (System.in.read() >= 0) {
      // held open until the script closes stdin
    }
    for (SftpClient c : channels) close(c);
    for (ClientSession s : sessions) close(s);
    client.stop();
  }

  private static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("close: " + e);
    }
  }

  /** Without a logback.xml, logback logs everything at DEBUG to the console. */
  private static void quietLogging() {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
  }
}
