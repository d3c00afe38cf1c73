package ferry.pipeline;

import static java.util.Objects.requireNonNull;

/**
 * Who asks the pipeline service: an admin (who sees and may name everything) or a customer (who
 * sees its own pipelines and names only what it may use).
 *
 * @param name the admin's or customer's name, recorded as creator and as who started a run
 * @param customer the customer's username; null for an admin
 */
public record PipelineCaller(String name, String customer) {
  public PipelineCaller {
    requireNonNull(name, "No caller name");
  }

  public static PipelineCaller admin(String name) {
    return new PipelineCaller(name, null);
  }

  public static PipelineCaller customer(String name) {
    return new PipelineCaller(name, name);
  }

  /** Whether this caller may see a pipeline owned by {@code owner} (null: the admins'). */
  boolean sees(String owner) {
    return customer == null || customer.equals(owner);
  }
}
