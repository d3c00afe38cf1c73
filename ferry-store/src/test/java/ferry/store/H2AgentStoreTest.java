package ferry.store;

class H2AgentStoreTest extends AgentStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
