package ferry.store;

class PostgresStoreIT extends StoreContract {
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
