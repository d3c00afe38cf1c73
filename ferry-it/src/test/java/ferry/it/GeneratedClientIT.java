package ferry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.it.sftpgo.ApiClient;
import ferry.it.sftpgo.ApiException;
import ferry.it.sftpgo.api.TokenApi;
import ferry.it.sftpgo.api.UserApisApi;
import ferry.it.sftpgo.api.UsersApi;
import ferry.it.sftpgo.model.DirEntry;
import ferry.it.sftpgo.model.Permission;
import ferry.it.sftpgo.model.User;
import ferry.it.support.Api;
import ferry.it.support.FerryProcess;
import ferry.it.support.SharedServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool nobody here wrote (issue 12): the Java client that OpenAPI Generator makes from SFTPGo's own
 * OpenAPI document (ferry-it/src/test/openapi, generated into target/ by the test build, library
 * apache-httpclient) drives Ferry's /api/v2 unchanged: tokens with its Basic and Bearer
 * authentications, a user created with its models, then list, upload, download and delete.
 */
class GeneratedClientIT {
  @RegisterExtension static final SharedServer SHARED = new SharedServer();

  private static final String USER = "generated-client-user";
  private static final String PASSWORD = "Generated-Client-Pw-77";

  @TempDir Path tmp;

  @Test
  void theGeneratedClientCreatesAUserWhoListsUploadsDownloadsAndDeletes() throws Exception {
    FerryProcess server = SHARED.process();
    try (CloseableHttpClient http = trustingServer(server)) {
      ApiClient login = client(http, server);
      login.setUsername("admin");
      login.setPassword(FerryProcess.ADMIN_PASSWORD);
      String adminToken = new TokenApi(login).getToken(null).getAccessToken();
      assertThat(adminToken).isNotBlank();

      ApiClient admin = client(http, server).setBearerToken(adminToken);
      UsersApi users = new UsersApi(admin);
      Path home = Files.createDirectories(tmp.resolve("home"));
      User created = users.addUser(new User().status(User.StatusEnum.NUMBER_1).username(USER).password(PASSWORD)
          .homeDir(home.toString()).putPermissionsItem("/", List.of(Permission.STAR)), null);
      assertThat(created.getUsername()).isEqualTo(USER);
      assertThat(created.getPassword()).as("never a password back").isNullOrEmpty();
      assertThat(users.getUserByUsername(USER, null).getHomeDir()).isEqualTo(home.toString());

      ApiClient userLogin = client(http, server);
      userLogin.setUsername(USER);
      userLogin.setPassword(PASSWORD);
      String userToken = new TokenApi(userLogin).getUserToken(null).getAccessToken();
      UserApisApi files = new UserApisApi(client(http, server).setBearerToken(userToken));

      files.createUserDir("reports", false);
      byte[] content = new byte[2_000_000];
      new Random(12).nextBytes(content);
      File local = Files.write(tmp.resolve("q1.bin"), content).toFile();
      files.createUserFile("reports/q 1.bin", local, false, null);

      List<DirEntry> listed = files.getUserDirContents("reports");
      assertThat(listed).extracting(DirEntry::getName).containsExactly("q 1.bin");
      assertThat(listed.getFirst().getSize()).isEqualTo(content.length);
      assertThat(listed.getFirst().getLastModified()).as("a date-time the client parses").isNotNull();
      List<DirEntry> root = files.getUserDirContents("/");
      assertThat(root).extracting(DirEntry::getName).containsExactly("reports");
      assertThat(root.getFirst().getMode() & 2147483648L).as("the spec's directory bit").isNotZero();
      assertThat(listed.getFirst().getMode() & 2401763328L).as("the spec's regular-file test").isZero();

      File downloaded = files.downloadUserFile("reports/q 1.bin");
      assertThat(Files.readAllBytes(downloaded.toPath())).isEqualTo(content);
      assertThat(Files.readAllBytes(home.resolve("reports/q 1.bin"))).isEqualTo(content);

      files.deleteUserFile("reports/q 1.bin");
      assertThat(files.getUserDirContents("reports")).isEmpty();
      assertThat(home.resolve("reports/q 1.bin")).doesNotExist();

      users.deleteUser(USER);
      assertThatThrownBy(() -> users.getUserByUsername(USER, null))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }
  }

  private static ApiClient client(CloseableHttpClient http, FerryProcess server) {
    return new ApiClient(http).setBasePath(server.url() + "/api/v2");
  }

  /** Apache HttpClient 5 (the generated library's transport) trusting only the server's certificate. */
  private static CloseableHttpClient trustingServer(FerryProcess server) {
    return HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(new DefaultClientTlsStrategy(Api.trusting(server.certificate())))
            .build())
        .build();
  }
}
