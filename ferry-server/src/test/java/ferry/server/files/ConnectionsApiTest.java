package ferry.server.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import ferry.server.files.V2Client.Auth;
import ferry.server.files.V2Client.Response;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/v2/connections (issue 12): live SFTP connections are listed and really closed. */
class ConnectionsApiTest {
  @TempDir static Path root;
  private static OpsServer s;
  private static Auth admin;

  @BeforeAll
  static void start() {
    s = new OpsServer(root);
    admin = s.admin();
    s.addUser("carol", Map.of());
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonNode connectionsOf(String user) {
    Response r = s.c.get("/api/v2/connections", admin);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().isArray()).isTrue();
    var out = V2Client.JSON.createArrayNode();
    r.json().forEach(n -> {
      if (n.path("username").asText().equals(user)) out.add(n);
    });
    return out;
  }

  @Test
  void anSftpConnectionIsListedWithItsUploadAndClosedForReal() throws Exception {
    try (ClientSession session = s.sftpLogin("carol", OpsServer.PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      SftpClient.Handle h = sftp.open("/upload.bin", EnumSet.of(SftpClient.OpenMode.Write, SftpClient.OpenMode.Create));
      sftp.write(h, 0, new byte[4096], 0, 4096);
      OpsServer.await("carol's upload is listed", () -> {
        JsonNode c = connectionsOf("carol");
        return c.size() == 1 && c.get(0).path("active_transfers").size() == 1
            && c.get(0).path("active_transfers").get(0).path("size").asLong() == 4096;
      });
      JsonNode conn = connectionsOf("carol").get(0);
      assertThat(conn.path("protocol").asText()).isEqualTo("SFTP");
      assertThat(conn.path("remote_address").asText()).contains("127.0.0.1");
      assertThat(conn.path("connection_time").asLong()).isPositive();
      JsonNode t = conn.path("active_transfers").get(0);
      assertThat(t.path("operation_type").asText()).isEqualTo("upload");
      assertThat(t.path("path").asText()).isEqualTo("/upload.bin");
      assertThat(t.path("start_time").asLong()).isPositive();

      String id = conn.path("connection_id").asText();
      Response closed = s.c.delete("/api/v2/connections/" + id, admin);
      assertThat(closed.status()).as(closed.body()).isEqualTo(200);
      assertThat(closed.json().path("message").asText()).isEqualTo("Connection closed");

      // the SSH session itself ends, not only the file session
      session.waitFor(EnumSet.of(ClientSession.ClientSessionEvent.CLOSED), OpsServer.WAIT);
      assertThat(session.isOpen()).isFalse();
      OpsServer.await("carol's connection is gone", () -> connectionsOf("carol").isEmpty());
      assertThat(s.c.delete("/api/v2/connections/" + id, admin).status()).isEqualTo(404);
    }
  }

  @Test
  void refusals() {
    assertThat(s.c.get("/api/v2/connections", Auth.NONE).status()).isEqualTo(401);
    assertThat(s.c.get("/api/v2/connections", s.user("carol")).status()).isEqualTo(401);
    assertThat(s.c.delete("/api/v2/connections/whatever", Auth.NONE).status()).isEqualTo(401);
    Response unknown = s.c.delete("/api/v2/connections/no-such-connection", admin);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").asText()).isNotEmpty();
  }
}
