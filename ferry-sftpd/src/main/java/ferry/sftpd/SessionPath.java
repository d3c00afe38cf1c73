package ferry.sftpd;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.util.List;
import org.apache.sshd.common.file.util.BasePath;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.fs.WithFileAttributes;

/**
 * A path in a user's virtual tree. Entries from a directory listing carry their attributes, which
 * MINA's READDIR uses directly instead of stat-ing each entry.
 */
final class SessionPath extends BasePath<SessionPath, SessionFileSystem> implements WithFileAttributes {
  private final SftpClient.Attributes attributes;

  SessionPath(SessionFileSystem fs, String root, List<String> names, SftpClient.Attributes attributes) {
    super(fs, root, names);
    this.attributes = attributes;
  }

  /** The virtual path the file session understands: absolute, normalized, clamped at "/". */
  String virtual() {
    return toAbsolutePath().normalize().toString();
  }

  SessionPath withAttributes(SftpClient.Attributes attrs) {
    return new SessionPath(getFileSystem(), root, names, attrs);
  }

  @Override
  public SftpClient.Attributes getAttributes() {
    return attributes;
  }

  @Override
  public SessionPath toRealPath(LinkOption... options) throws IOException {
    return toAbsolutePath().normalize();
  }
}
