package ferry.store;

/** {@link TransfersMigrationTest} on PostgreSQL. */
class PostgresTransfersMigrationIT extends TransfersMigrationTest {
  @Override
  String url() {
    return TestDatabases.newPostgres();
  }

  @Override
  void dispose(String url) {
    TestDatabases.dropPostgres(url);
  }
}
