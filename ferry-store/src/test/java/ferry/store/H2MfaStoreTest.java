package ferry.store;

class H2MfaStoreTest extends MfaStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
