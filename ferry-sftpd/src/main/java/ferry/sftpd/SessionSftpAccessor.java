package ferry.sftpd;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How MINA's SFTP subsystem reaches Ferry's storage: every call goes to the session's {@link
 * ferry.core.session.FileSession}, never to MINA's defaults (which stat again, force file channels
 * and try symlinks). CLOSE commits an upload; a handle still open when the client vanished is
 * aborted instead, off the SFTP thread (which MINA interrupts during teardown).
 */
final class SessionSftpAccessor implements SftpFileSystemAccessor {
  /** Set on a handle the client left open when it went away; the value is the reason. */
  static final AttributeKey<String> ABANDONED = new AttributeKey<>();

  private static final Logger log = LoggerFactory.getLogger(SessionSftpAccessor.class);

  private final Executor cleanup;

  SessionSftpAccessor(Executor cleanup) {
    this.cleanup = cleanup;
  }

  private static SessionPath cast(Path p) {
    return (SessionPath) p;
  }

  @Override
  public SeekableByteChannel openFile(
      SftpSubsystemProxy subsystem,
      FileHandle fileHandle,
      Path file,
      String handle,
      Set<? extends OpenOption> options,
      FileAttribute<?>... attrs)
      throws IOException {
    SessionPath p = cast(file);
    if (fileHandle == null && options.contains(StandardOpenOption.WRITE)) {
      // a write without a handle: MINA applying a SETSTAT/FSETSTAT size
      return new SetSizeChannel(p.getFileSystem(), p.virtual());
    }
    return p.getFileSystem().open(p.virtual(), options);
  }

  @Override
  public void closeFile(
      SftpSubsystemProxy subsystem,
      FileHandle fileHandle,
      Path file,
      String handle,
      Channel channel,
      Set<? extends OpenOption> options)
      throws IOException {
    if (!(channel instanceof TransferChannel ch)) {
      return;
    }
    String abandoned = fileHandle.getAttribute(ABANDONED);
    if (abandoned != null) {
      ch.abandon(abandoned);
      cleanup.execute(ch::close);
      return;
    }
    try {
      ch.commit();
    } finally {
      ch.close();
      if (ch.isUpload()) {
        cast(file).getFileSystem().cache().clear();
      }
    }
  }

  @Override
  public void syncFileData(
      SftpSubsystemProxy subsystem, FileHandle fileHandle, Path file, String handle, Channel channel)
      throws IOException {
    ((TransferChannel) channel).sync();
  }

  @Override
  public FileLock tryLock(
      SftpSubsystemProxy subsystem,
      FileHandle fileHandle,
      Path file,
      String handle,
      Channel channel,
      long position,
      long size,
      boolean shared) {
    throw new UnsupportedOperationException("Byte-range locks are not supported");
  }

  @Override
  public DirectoryStream<Path> openDirectory(
      SftpSubsystemProxy subsystem, DirectoryHandle dirHandle, Path dir, String handle, LinkOption... options)
      throws IOException {
    return dir.getFileSystem().provider().newDirectoryStream(dir, null);
  }

  /**
   * SETSTAT/FSETSTAT times: the modification time is kept where the storage can (local, SFTP);
   * on a file being uploaded it is applied once the upload is published. Access and creation
   * times are accepted without effect (sizes go through openFile without a handle, see
   * SetSizeChannel).
   */
  @Override
  public void setFileAttribute(
      SftpSubsystemProxy subsystem, Path file, String view, String attribute, Object value, LinkOption... options)
      throws IOException {
    if (!"lastModifiedTime".equals(attribute) || !(value instanceof FileTime time)) {
      log.debug("ignored SETSTAT {}:{} on {}", view, attribute, file);
      return;
    }
    cast(file).getFileSystem().setModified(cast(file).virtual(), time.toInstant());
  }

  /** chmod: checked against the {@code chmod} permission, then without effect (storage keeps no modes for users). */
  @Override
  public void setFilePermissions(
      SftpSubsystemProxy subsystem, Path file, Set<PosixFilePermission> perms, LinkOption... options)
      throws IOException {
    SessionPath p = cast(file);
    p.getFileSystem().session().checkModeChange(p.virtual());
  }

  @Override
  public void setFileOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options) {
    throw new UnsupportedOperationException("Changing the owner is not supported");
  }

  @Override
  public void setGroupOwner(SftpSubsystemProxy subsystem, Path file, Principal value, LinkOption... options) {
    throw new UnsupportedOperationException("Changing the group is not supported");
  }

  @Override
  public void setFileAccessControl(
      SftpSubsystemProxy subsystem, Path file, List<AclEntry> acl, LinkOption... options) {
    throw new UnsupportedOperationException("ACLs are not supported");
  }

  @Override
  public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
    path.getFileSystem().provider().createDirectory(path);
  }

  @Override
  public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink) {
    throw new UnsupportedOperationException("Links are not supported");
  }

  @Override
  public String resolveLinkTarget(SftpSubsystemProxy subsystem, Path link) {
    throw new UnsupportedOperationException("Links are not supported");
  }

  @Override
  public void renameFile(
      SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
      throws IOException {
    CopyOption[] options =
        opts.contains(StandardCopyOption.REPLACE_EXISTING)
            ? new CopyOption[] {StandardCopyOption.REPLACE_EXISTING}
            : new CopyOption[0];
    oldPath.getFileSystem().provider().move(oldPath, newPath, options);
  }

  @Override
  public void copyFile(
      SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts) {
    throw new UnsupportedOperationException("Server-side copy is not supported");
  }

  @Override
  public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory) throws IOException {
    path.getFileSystem().provider().delete(path);
  }
}
