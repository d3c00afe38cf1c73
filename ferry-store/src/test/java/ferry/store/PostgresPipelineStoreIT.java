package ferry.store;

class PostgresPipelineStoreIT extends PipelineStoreContract {
  private String url;

  @Override
  String url() {
    url = TestDatabases.newPostgres();
    return url;
  }

  @Override
  void dispose() {
    TestDatabases.dropPostgres(url);
  }
}
