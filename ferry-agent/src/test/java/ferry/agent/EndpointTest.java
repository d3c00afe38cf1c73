package ferry.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {
  @Test
  void anSftpEntryWithItsSecretInClearBecomesTheSftpBackendsSettings() throws Exception {
    Endpoint ep = Endpoint.of(Json.MAPPER.readTree("""
        {"name":"partner","filesystem":{"provider":5,"sftpconfig":{"endpoint":"10.0.0.5:2222","username":"bob",
         "password":{"status":"Plain","payload":"s3cret"},"fingerprints":["SHA256:abc","SHA256:def"],"prefix":"/upload"}}}"""));
    assertThat(ep.type()).isEqualTo("sftp");
    assertThat(ep.settings()).containsEntry("host", "10.0.0.5").containsEntry("port", "2222").containsEntry("username", "bob")
        .containsEntry("password", "s3cret").containsEntry("fingerprints", "SHA256:abc,SHA256:def").containsEntry("root_dir", "/upload");
    assertThat(ep.urlBase()).isEqualTo("sftp://10.0.0.5:2222/upload");
    assertThat(ep.toString()).doesNotContain("s3cret");
  }

  @Test
  void theBackendsOwnSettingsUnderATypeNameAreTakenAsTheyAre() throws Exception {
    Endpoint ep = Endpoint.of(Json.MAPPER.readTree("""
        {"name":"partner","filesystem":{"provider":"sftp","host":"127.0.0.1","port":"2222","username":"bob",
         "private_key":"-----BEGIN OPENSSH PRIVATE KEY-----","fingerprints":"SHA256:abc","root_dir":"/srv/out"}}"""));
    assertThat(ep.type()).isEqualTo("sftp");
    assertThat(ep.settings()).containsEntry("host", "127.0.0.1").containsEntry("port", "2222")
        .containsEntry("private_key", "-----BEGIN OPENSSH PRIVATE KEY-----").doesNotContainKey("provider");
    assertThat(ep.urlBase()).isEqualTo("sftp://127.0.0.1:2222/srv/out");
    assertThatThrownBy(() -> Endpoint.of(Json.MAPPER.readTree("{\"name\":\"l\",\"filesystem\":{\"provider\":\"local\",\"root\":\"/x\"}}")))
        .hasMessageContaining("local disk");
  }

  @Test
  void ftpAndS3EntriesMapToTheirBackends() throws Exception {
    Endpoint ftp = Endpoint.of(Json.MAPPER.readTree("""
        {"name":"f","filesystem":{"provider":7,"ftpconfig":{"endpoint":"ftp.example.com","username":"u","password":"p","tls_mode":1}}}"""));
    assertThat(ftp.type()).isEqualTo("ftp");
    assertThat(ftp.settings()).containsEntry("port", "21").containsEntry("tls_mode", "explicit").containsEntry("password", "p");
    assertThat(ftp.urlBase()).isEqualTo("ftps://ftp.example.com:21");
    Endpoint s3 = Endpoint.of(Json.MAPPER.readTree("""
        {"name":"b","filesystem":{"provider":1,"s3config":{"bucket":"bkt","key_prefix":"in/","access_key":"AK",
         "access_secret":{"status":"Plain","payload":"SK"}}}}"""));
    assertThat(s3.settings()).containsEntry("bucket", "bkt").containsEntry("region", "us-east-1").containsEntry("access_secret", "SK");
    assertThat(s3.urlBase()).isEqualTo("s3://bkt/in");
  }

  @Test
  void theServersOwnDiskAndSealedSecretsAreRefusedWithAReason() {
    assertThatThrownBy(() -> Endpoint.of(Json.MAPPER.readTree("{\"name\":\"l\",\"filesystem\":{\"provider\":0}}")))
        .hasMessageContaining("local disk");
    assertThatThrownBy(() -> Endpoint.of(Json.MAPPER.readTree("""
        {"name":"x","filesystem":{"provider":5,"sftpconfig":{"endpoint":"h:22","username":"u",
         "password":{"status":"AES-256-GCM","payload":"xyz"}}}}"""))).hasMessageContaining("sealed");
  }
}
