package ferry.store;

class PostgresTrackedTransferStoreIT extends TrackedTransferStoreContract {
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
