package ferry.store;

class H2TrackedTransferStoreTest extends TrackedTransferStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
