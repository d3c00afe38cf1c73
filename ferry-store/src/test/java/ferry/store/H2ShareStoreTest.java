package ferry.store;

class H2ShareStoreTest extends ShareStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
