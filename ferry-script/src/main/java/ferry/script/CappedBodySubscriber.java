package ferry.script;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte limit. At the limit it cancels the rest of the download and
 * completes with what it has, so a huge body costs no more than the limit in memory.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<CappedBodySubscriber.Body> {
  /**
   * A collected body.
   *
   * @param bytes the first bytes of the body, at most the limit
   * @param truncated whether the body was longer than the limit
   */
  record Body(byte[] bytes, boolean truncated) {}

  private final long limit;
  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private final CompletableFuture<Body> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBodySubscriber(long limit) {
    this.limit = limit;
  }

  @Override
  public CompletionStage<Body> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int room = (int) Math.min(buffer.remaining(), limit - collected.size());
      byte[] chunk = new byte[room];
      buffer.get(chunk);
      collected.writeBytes(chunk);
      if (buffer.hasRemaining()) {
        subscription.cancel();
        result.complete(new Body(collected.toByteArray(), true));
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    result.complete(new Body(collected.toByteArray(), false));
  }
}
