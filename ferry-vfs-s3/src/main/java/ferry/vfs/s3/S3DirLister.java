package ferry.vfs.s3;

import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.VPath;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lists one "directory" level with ListObjectsV2 and a {@code /} delimiter, page by page. */
final class S3DirLister implements DirLister {
  private static final int PAGE = 1000;

  private final S3Vfs vfs;
  private final VPath dir;
  private final String prefix;
  private final Deque<FileAttrs> pending = new ArrayDeque<>();
  private String continuation;
  private boolean exhausted;

  S3DirLister(S3Vfs vfs, VPath dir) {
    this.vfs = vfs;
    this.dir = dir;
    this.prefix = vfs.dirPrefix(dir);
  }

  @Override
  public List<FileAttrs> next(int max) throws IOException {
    if (max < 1) {
      throw new IllegalArgumentException("Batch size must be at least 1, not " + max);
    }
    while (pending.size() < max && !exhausted) {
      fetchPage();
    }
    List<FileAttrs> batch = new ArrayList<>(Math.min(max, pending.size()));
    while (batch.size() < max && !pending.isEmpty()) {
      batch.add(pending.removeFirst());
    }
    return batch;
  }

  private void fetchPage() throws IOException {
    String token = continuation;
    ListObjectsV2Response page =
        S3Errors.call(
            vfs.where(dir),
            () ->
                vfs.client()
                    .listObjectsV2(
                        b ->
                            b.bucket(vfs.bucket())
                                .prefix(prefix)
                                .delimiter("/")
                                .maxKeys(PAGE)
                                .continuationToken(token)));
    for (CommonPrefix p : page.commonPrefixes()) {
      String name = p.prefix().substring(prefix.length(), p.prefix().length() - 1);
      if (!name.isEmpty()) {
        pending.add(FileAttrs.dir(name, Instant.EPOCH));
      }
    }
    for (S3Object o : page.contents()) {
      if (!o.key().equals(prefix)) {
        pending.add(FileAttrs.file(o.key().substring(prefix.length()), o.size(), o.lastModified()));
      }
    }
    continuation = page.nextContinuationToken();
    exhausted = !Boolean.TRUE.equals(page.isTruncated()) || continuation == null;
  }

  @Override
  public void close() {
    pending.clear();
    exhausted = true;
  }
}
