package ferry.store;

class PostgresAgentCertificateStoreIT extends AgentCertificateStoreContract {
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
