package ferry.vfs.s3;

import ferry.vfs.Vfs;
import ferry.vfs.VfsProvider;
import java.util.Map;

/** Creates {@link S3Vfs} from {@link S3VfsConfig#fromSettings(Map)}. */
public final class S3VfsProvider implements VfsProvider {
  @Override
  public String type() {
    return "s3";
  }

  @Override
  public Vfs create(Map<String, String> settings) {
    return new S3Vfs(S3VfsConfig.fromSettings(settings));
  }
}
