package ferry.core.customer;

import java.time.Instant;
import java.util.List;

/** Storage port of the customer role: which file-server users hold it. */
public interface CustomerRepository {
  /** Gives {@code username} the role; false when it already had it. */
  boolean add(String username, Instant at);

  /** Takes the role away; false when the user did not have it. */
  boolean remove(String username);

  boolean isCustomer(String username);

  /** Every customer's username, in name order. */
  List<String> list();
}
