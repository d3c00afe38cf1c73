package ferry.store;

class H2ScheduleStoreTest extends ScheduleStoreContract {
  private final String url = TestDatabases.h2Memory();

  @Override
  String url() {
    return url;
  }
}
