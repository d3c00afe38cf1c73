package ferry.sftpd;

import ferry.vfs.FileAttrs;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;

/** A file's attributes as NIO and MINA want them, from what the file session reports. */
record SessionAttributes(FileAttrs attrs, Owner owner) implements PosixFileAttributes {
  private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-r--r--");
  private static final int DIR_MODE = SftpConstants.S_IFDIR | 0755;
  private static final int FILE_MODE = SftpConstants.S_IFREG | 0644;

  /** The user who owns every file in a session; prints as its name in long listings. */
  record Owner(String name) implements GroupPrincipal {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @Override
  public FileTime lastModifiedTime() {
    return FileTime.from(attrs.modified());
  }

  @Override
  public FileTime lastAccessTime() {
    return lastModifiedTime();
  }

  @Override
  public FileTime creationTime() {
    return lastModifiedTime();
  }

  @Override
  public boolean isRegularFile() {
    return !attrs.isDir();
  }

  @Override
  public boolean isDirectory() {
    return attrs.isDir();
  }

  @Override
  public boolean isSymbolicLink() {
    return false;
  }

  @Override
  public boolean isOther() {
    return false;
  }

  @Override
  public long size() {
    return attrs.size();
  }

  @Override
  public Object fileKey() {
    return null;
  }

  @Override
  public Owner group() {
    return owner;
  }

  @Override
  public Set<PosixFilePermission> permissions() {
    return attrs.isDir() ? DIR_PERMS : FILE_PERMS;
  }

  /** The attributes of {@code view} ("basic", "posix" or "unix") named in {@code names}. */
  Map<String, Object> toMap(String view, String names) {
    Map<String, Object> all = new TreeMap<>();
    all.put("size", size());
    all.put("lastModifiedTime", lastModifiedTime());
    all.put("lastAccessTime", lastAccessTime());
    all.put("creationTime", creationTime());
    all.put("isRegularFile", isRegularFile());
    all.put("isDirectory", isDirectory());
    all.put("isSymbolicLink", false);
    all.put("isOther", false);
    if (!view.equals("basic")) {
      all.put("owner", owner);
      all.put("group", owner);
      all.put("permissions", permissions());
    }
    if (names.equals("*")) {
      return all;
    }
    Map<String, Object> some = new TreeMap<>();
    for (String n : names.split(",")) {
      if (all.containsKey(n)) {
        some.put(n, all.get(n));
      }
    }
    return some;
  }

  /** The same attributes in the form a READDIR reply carries them. */
  SftpClient.Attributes toSftp() {
    SftpClient.Attributes a = new SftpClient.Attributes();
    a.setType(attrs.isDir() ? SftpConstants.SSH_FILEXFER_TYPE_DIRECTORY : SftpConstants.SSH_FILEXFER_TYPE_REGULAR);
    a.setSize(attrs.size());
    a.setPermissions(attrs.isDir() ? DIR_MODE : FILE_MODE);
    a.setOwner(owner.name());
    a.setGroup(owner.name());
    a.setModifyTime(lastModifiedTime());
    a.setAccessTime(lastAccessTime());
    return a;
  }
}
