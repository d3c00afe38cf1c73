package ferry.store;

class H2StoreTest extends StoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
