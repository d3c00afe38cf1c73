package ferry.store;

class H2TransferStoreTest extends TransferStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
