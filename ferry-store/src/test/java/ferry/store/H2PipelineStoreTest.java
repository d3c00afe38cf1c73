package ferry.store;

class H2PipelineStoreTest extends PipelineStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
