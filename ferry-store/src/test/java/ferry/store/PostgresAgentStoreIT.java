package ferry.store;

class PostgresAgentStoreIT extends AgentStoreContract {
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
