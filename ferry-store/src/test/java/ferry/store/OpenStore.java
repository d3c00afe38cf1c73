package ferry.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A store contract's database: opened before each test on {@link #url()}, closed and disposed after it. */
abstract class OpenStore {
  Store store;

  abstract String url();

  /** Drops what {@link #url()} made (a PostgreSQL test database); nothing by default. */
  void dispose() {}

  @BeforeEach
  void open() {
    store = Store.open(url(), 8);
  }

  @AfterEach
  void close() {
    store.close();
    dispose();
  }
}
