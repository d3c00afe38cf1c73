import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.cipher.Cipher;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import ferry.sftpd.crypto.FastCiphers;
import org.apache.sshd.common.BaseBuilder;

/**
 * The reference point for Ferry's SFTP server: a plain MINA SSHD 2.20 SFTP server on a local
 * directory, TCP_NODELAY on, with no permissions, quotas or transfer records; ciphers either
 * Ferry's (FastCiphers) or MINA's own. Run by bench/sftp/run.sh (targets mina, mina-builtin):
 * java -cp ... PlainMina.java ROOT AUTHORIZED_KEYS HOST_KEY PORT_FILE ferry|builtin
 */
public class PlainMina {
  public static void main(String[] args) throws Exception {
    if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext ctx)
      ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
    Path root = Path.of(args[0]);
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(Path.of(args[2]));
    keys.setAlgorithm("EC");
    server.setKeyPairProvider(keys);
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(Path.of(args[1])));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    List<NamedFactory<Cipher>> ciphers = BaseBuilder.setUpDefaultCiphers(true);
    server.setCipherFactories(args[4].equals("ferry") ? FastCiphers.replacing(ciphers) : ciphers);
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder().build()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
    Files.writeString(Path.of(args[3]), String.valueOf(server.getPort()));
    Thread.currentThread().join();
  }
}
