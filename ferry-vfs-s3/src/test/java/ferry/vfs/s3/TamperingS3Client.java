package ferry.vfs.s3;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.function.Consumer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An {@link S3Client} whose answers pass through a function first, to play a store that reports
 * something other than what it was sent, e.g. another size in a HEAD.
 */
final class TamperingS3Client {
  /** Gives the answer the client returns for a request. */
  @FunctionalInterface
  interface Tamper {
    Object answer(Object request, Object realAnswer);
  }

  private TamperingS3Client() {}

  /** Returns {@code real} with every answer replaced by {@code tamper.answer(request, answer)}. */
  static S3Client wrap(S3Client real, Tamper tamper) {
    return (S3Client)
        Proxy.newProxyInstance(
            S3Client.class.getClassLoader(),
            new Class<?>[] {S3Client.class},
            (proxy, method, args) -> {
              if (args != null && Arrays.stream(args).anyMatch(a -> a instanceof Consumer<?>)) {
                // The builder form builds the request and calls the request form on the proxy.
                return InvocationHandler.invokeDefault(proxy, method, args);
              }
              try {
                Object answer = method.invoke(real, args);
                return args == null || args.length == 0 ? answer : tamper.answer(args[0], answer);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
