package ferry.store;

class PostgresScheduleStoreIT extends ScheduleStoreContract {
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
