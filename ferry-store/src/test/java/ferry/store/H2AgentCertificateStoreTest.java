package ferry.store;

class H2AgentCertificateStoreTest extends AgentCertificateStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
