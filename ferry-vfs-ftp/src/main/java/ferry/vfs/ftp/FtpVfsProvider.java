package ferry.vfs.ftp;

import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import java.io.IOException;
import java.util.Map;

/** Creates {@link FtpVfs} from {@link FtpVfsConfig#fromSettings(Map)}. */
public final class FtpVfsProvider implements VfsProvider {
  @Override
  public String type() {
    return "ftp";
  }

  @Override
  public Vfs create(Map<String, String> settings) throws IOException {
    return new FtpVfs(FtpVfsConfig.fromSettings(settings));
  }
}
