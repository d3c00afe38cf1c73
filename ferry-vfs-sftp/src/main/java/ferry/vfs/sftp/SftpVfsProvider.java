package ferry.vfs.sftp;

import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import java.io.IOException;
import java.util.Map;

/** Creates {@link SftpVfs} from {@link SftpVfsConfig#fromSettings(Map)}. */
public final class SftpVfsProvider implements VfsProvider {
  @Override
  public String type() {
    return "sftp";
  }

  @Override
  public Vfs create(Map<String, String> settings) throws IOException {
    return new SftpVfs(SftpVfsConfig.fromSettings(settings));
  }
}
