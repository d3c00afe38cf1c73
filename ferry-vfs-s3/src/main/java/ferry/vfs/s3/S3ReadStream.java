package ferry.vfs.s3;

import ferry.vfs.VPath;
import ferry.vfs.VfsErrors;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One streaming GET from an offset ({@code Range: bytes=N-}). Closing before the end aborts the
 * HTTP connection instead of draining the rest of the object.
 */
final class S3ReadStream extends FilterInputStream {
  private final ResponseInputStream<GetObjectResponse> response;
  private final String where;
  private boolean eof;

  private S3ReadStream(ResponseInputStream<GetObjectResponse> response, String where) {
    super(response);
    this.response = response;
    this.where = where;
  }

  static InputStream open(S3Vfs vfs, VPath path, long offset) throws IOException {
    String where = vfs.where(path);
    if (path.isRoot()) {
      throw VfsErrors.isDirectory(where);
    }
    try {
      ResponseInputStream<GetObjectResponse> in =
          vfs.client()
              .getObject(
                  b -> {
                    b.bucket(vfs.bucket()).key(vfs.key(path));
                    if (offset > 0) {
                      b.range("bytes=" + offset + "-");
                    }
                  });
      return new S3ReadStream(in, where);
    } catch (SdkException e) {
      if (e instanceof S3Exception s3
          && s3.statusCode() == 416
          && vfs.stat(path).size() <= offset) {
        return new ByteArrayInputStream(new byte[0]);
      }
      if (S3Errors.isNotFound(e) && vfs.find(path).isPresent()) {
        throw VfsErrors.isDirectory(where);
      }
      throw S3Errors.translate(e, where);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = super.read(b, off, len);
      eof |= n < 0;
      return n;
    } catch (SdkException e) {
      throw S3Errors.translate(e, where);
    }
  }

  @Override
  public void close() throws IOException {
    if (!eof) {
      response.abort();
    }
    try {
      super.close();
    } catch (IOException | SdkException e) {
      if (eof) {
        throw e instanceof IOException io ? io : new IOException(where + ": close failed", e);
      }
      // After abort() the connection is gone on purpose; its close error says nothing new.
    }
  }
}
