package ferry.sftpd;

import ferry.core.account.LoginUser;
import ferry.core.account.Permission;
import ferry.core.account.UsageRepository;
import ferry.core.auth.PasswordChecks;
import ferry.core.folder.StorageTarget;
import ferry.core.session.Connections;
import ferry.core.session.FileSessions;
import ferry.core.session.SessionUser;
import ferry.core.session.TransferLog;
import ferry.core.transfer.TransferRecord;
import ferry.vfs.LocalVfsProvider;
import ferry.vfs.MemoryVfs;
import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import ferry.vfs.VfsProviders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * A real SFTP server over the real file-session core, with users in memory and storages named
 * "mem" (in memory) or "local".
 */
final class Fixture implements AutoCloseable {
  final Map<String, MemoryVfs> storages = new ConcurrentHashMap<>();
  final MemUsage usage = new MemUsage();
  final List<TransferRecord> records = new CopyOnWriteArrayList<>();
  final Connections connections = new Connections();
  final FileSessions sessions;
  final TestUsers users = new TestUsers();
  final TestDefender defender = new TestDefender();
  final PasswordChecks passwordChecks = PasswordChecks.defaults();
  final SftpServer server;
  final int port;
  /** MINA's SSH client, for tests that drive the server from Java. */
  final SshClient client = SshClient.setUpDefaultClient();

  Fixture(Path hostKeys) {
    this(hostKeys, SftpdConfig.DEFAULT_IO_THREADS);
  }

  Fixture(Path hostKeys, int ioThreads) {
    VfsProvider mem =
        new VfsProvider() {
          @Override
          public String type() {
            return "mem";
          }

          @Override
          public Vfs create(Map<String, String> settings) {
            return storage(settings.get("name"));
          }
        };
    sessions =
        new FileSessions(
            new VfsProviders(List.of(mem, new LocalVfsProvider())),
            usage,
            new TransferLog(records::add),
            connections,
            Clock.systemUTC());
    server = new SftpServer(
        SftpdConfig.defaults("127.0.0.1", 0, hostKeys).withIoThreads(ioThreads), users, defender, SessionOpener.over(sessions), passwordChecks);
    port = server.start();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
  }

  /** Logs {@code user} in with MINA's client. */
  ClientSession login(String user, String password) throws IOException {
    ClientSession s = client.connect(user, "127.0.0.1", port).verify(Duration.ofSeconds(10)).getSession();
    s.addPasswordIdentity(password);
    s.auth().verify(Duration.ofSeconds(10));
    return s;
  }

  MemoryVfs storage(String name) {
    return storages.computeIfAbsent(name, n -> new MemoryVfs(n, Clock.systemUTC()));
  }

  static StorageTarget mem(String name) {
    return new StorageTarget("mem", Map.of("name", name));
  }

  /** Adds a user with home on storage {@code name}, the given permissions on "/" and quota. */
  LoginUser addUser(String name, String password, List<String> keys, Set<Permission> perms, long quota) {
    return addUser(name, password, keys, Map.of("/", perms), quota, List.of(new SessionUser.Mount("/", null, mem(name), 0, 0)));
  }

  LoginUser addUser(
      String name,
      String password,
      List<String> keys,
      Map<String, Set<Permission>> perms,
      long quota,
      List<SessionUser.Mount> mounts) {
    SessionUser session = new SessionUser(name, perms, List.of(), quota, 0, 0, 0, 0, 0, mounts);
    LoginUser u = new LoginUser(session, password, keys, List.of(), List.of(), List.of(), List.of(), List.of());
    users.add(u);
    return u;
  }

  static Set<Permission> perms(Permission... p) {
    return EnumSet.copyOf(List.of(p));
  }

  @Override
  public void close() {
    client.stop();
    server.stop();
    passwordChecks.close();
  }

  /** Usage in memory. */
  static final class MemUsage implements UsageRepository {
    private final Map<String, UsageRepository.Usage> users = new ConcurrentHashMap<>();
    private final Map<String, UsageRepository.Usage> folders = new ConcurrentHashMap<>();

    @Override
    public UsageRepository.Usage user(String username) {
      return users.getOrDefault(username, new UsageRepository.Usage(0, 0));
    }

    @Override
    public UsageRepository.Usage folder(String folderName) {
      return folders.getOrDefault(folderName, new UsageRepository.Usage(0, 0));
    }

    @Override
    public void addToUser(String username, long size, long files) {
      users.merge(username, new UsageRepository.Usage(size, files), MemUsage::sum);
    }

    @Override
    public void addToFolder(String folderName, long size, long files) {
      folders.merge(folderName, new UsageRepository.Usage(size, files), MemUsage::sum);
    }

    @Override
    public void setUser(String username, long size, long files) {
      users.put(username, new UsageRepository.Usage(size, files));
    }

    @Override
    public void setFolder(String folderName, long size, long files) {
      folders.put(folderName, new UsageRepository.Usage(size, files));
    }

    private static UsageRepository.Usage sum(UsageRepository.Usage a, UsageRepository.Usage b) {
      return new UsageRepository.Usage(a.size() + b.size(), a.files() + b.files());
    }
  }
}
