package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.core.admin.Admin;
import ferry.core.admin.AdminPermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V9 (issue 12): an admin stored before it becomes an enabled super admin with its creation time kept. */
class AdminsMigrationTest {
  String url() {
    return TestDatabases.h2Memory();
  }

  void dispose(String url) {}

  @Test
  void anAdminFromBeforeV9BecomesAnEnabledSuperAdmin() throws Exception {
    String url = url();
    try {
      Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").target("7").load().migrate();
      OffsetDateTime created = OffsetDateTime.parse("2026-01-02T03:04:05Z");
      try (Connection c = DriverManager.getConnection(url);
          PreparedStatement s = c.prepareStatement(
              "INSERT INTO admins (username, password_hash, created_at) VALUES ('admin', 'h', ?)")) {
        s.setObject(1, created);
        s.executeUpdate();
      }
      try (Store store = Store.open(url, 2)) {
        Admin a = store.admins().find("admin").orElseThrow();
        assertThat(a.permissions()).containsExactly(AdminPermission.ALL);
        assertThat(a.enabled()).isTrue();
        assertThat(a.id()).isPositive();
        assertThat(a.createdAt()).isEqualTo(created.toInstant());
        assertThat(a.updatedAt()).isEqualTo(created.toInstant());
        assertThat(a.filters().allowApiKeyAuth()).isFalse();
        assertThat(store.admins().countEnabledSuperAdmins()).isEqualTo(1);
      }
    } finally {
      dispose(url);
    }
  }
}
