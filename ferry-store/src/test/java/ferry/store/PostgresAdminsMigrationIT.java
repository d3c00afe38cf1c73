package ferry.store;

/** {@link AdminsMigrationTest} on PostgreSQL. */
class PostgresAdminsMigrationIT extends AdminsMigrationTest {
  @Override
  String url() {
    return TestDatabases.newPostgres();
  }

  @Override
  void dispose(String url) {
    TestDatabases.dropPostgres(url);
  }
}
