package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ferry.vfs.MemoryVfs;
import ferry.vfs.VPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Download} and {@code Upload} between a VFS and the server directories a host allows. */
class LocalTransferTest {
  private static final String PRELUDE =
      """
      function show(r) { return r.Ok() + '|' + r.ErrorMsg(); }
      var v = VirtualFSByName('partner');
      """;

  private static ScriptEngine engine;
  @TempDir Path temp;
  private Path allowed;
  private Path outside;
  private MemoryVfs partner;
  private RecordingHost host;

  @BeforeAll
  static void startEngine() {
    engine = new ScriptEngine(ScriptConfig.defaults());
  }

  @AfterAll
  static void stopEngine() {
    engine.close();
  }

  @BeforeEach
  void dirs() throws IOException {
    allowed = Files.createDirectory(temp.resolve("allowed")).toRealPath();
    outside = Files.createDirectory(temp.resolve("outside")).toRealPath();
    partner = new MemoryVfs();
    host = new RecordingHost().vfs("partner", partner).allowLocalDirs(allowed);
  }

  private void run(String source) {
    ScriptOutcome outcome = Scripts.run(engine, PRELUDE + source, host);
    assertThat(outcome.status()).as("%s", outcome).isEqualTo(ScriptOutcome.Status.COMPLETED);
  }

  private static String js(Path path) {
    return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Test
  void downloadWritesInsideALocalDirectoryAndReportsTheLocalSide() throws IOException {
    VfsFiles.put(partner, "/out/report.csv", "a,b\n");

    run(
        "var r = v.Download('/out/report.csv', "
            + js(allowed.resolve("in/today/report.csv"))
            + ");\n"
            + "Log(show(r) + ' ' + r.Count() + ' ' + r.Files()[0].dst);\n"
            + "Log(show(v.Download('/out/report.csv', "
            + js(allowed)
            + ")));");

    String dst = allowed.resolve("in/today/report.csv").toString();
    assertThat(host.messages()).containsExactly("true| 1 " + dst, "true|");
    assertThat(Files.readString(allowed.resolve("in/today/report.csv"))).isEqualTo("a,b\n");
    assertThat(Files.readString(allowed.resolve("report.csv"))).isEqualTo("a,b\n");
    assertThat(host.transfers())
        .first()
        .isEqualTo(
            new TransferRecord(
                "partner",
                "/out/report.csv",
                TransferRecord.LOCAL,
                dst,
                4,
                host.transfers().getFirst().duration(),
                VfsFiles.sha256("a,b\n"),
                true,
                ""));
  }

  @Test
  void uploadReadsInsideALocalDirectory() throws IOException {
    Files.writeString(allowed.resolve("data.csv"), "1,2,3\n");

    run(
        "var r = v.Upload("
            + js(allowed.resolve("data.csv"))
            + ", '/in/data.csv');\n"
            + "Log(show(r) + ' ' + r.Bytes());\n"
            + "v.MkdirAll('/drop');\n"
            + "Log(show(v.Upload("
            + js(allowed.resolve("data.csv"))
            + ", '/drop', {overwrite: 'never'})));\n"
            + "Log(show(v.Upload("
            + js(allowed.resolve("missing.csv"))
            + ", '/in/x.csv')));");

    assertThat(host.messages())
        .containsExactly(
            "true| 6",
            "true|",
            "false|local: " + allowed.resolve("missing.csv") + ": no such file");
    assertThat(VfsFiles.text(partner, "/in/data.csv")).isEqualTo("1,2,3\n");
    assertThat(VfsFiles.text(partner, "/drop/data.csv")).isEqualTo("1,2,3\n");
    assertThat(host.transfers())
        .extracting(TransferRecord::srcVfs, TransferRecord::srcPath, TransferRecord::dstVfs)
        .containsOnly(
            tuple(TransferRecord.LOCAL, allowed.resolve("data.csv").toString(), "partner"));
  }

  /** The scripting docs' own example: {@code Upload(local, "/reports/")}, issue 10. */
  @Test
  void aTargetEndingInASlashIsADirectoryTheFileGoesIntoEvenWhenItIsMissing() throws IOException {
    Files.writeString(allowed.resolve("summary.txt"), "sum\n");
    VfsFiles.put(partner, "/out/report.csv", "a,b\n");

    run(
        "Log(show(v.Upload("
            + js(allowed.resolve("summary.txt"))
            + ", '/reports/')));\n"
            + "Log(show(v.Upload("
            + js(allowed.resolve("summary.txt"))
            + ", '/deeper/still/')));\n"
            + "Log(show(v.Download('/out/report.csv', "
            + js(allowed)
            + " + '/in/')));");

    assertThat(host.messages()).containsExactly("true|", "true|", "true|");
    assertThat(partner.stat(VPath.of("/reports")).isDir())
        .as("/reports is a directory holding the file, not the file itself")
        .isTrue();
    assertThat(VfsFiles.text(partner, "/reports/summary.txt")).isEqualTo("sum\n");
    assertThat(VfsFiles.text(partner, "/deeper/still/summary.txt")).isEqualTo("sum\n");
    assertThat(Files.readString(allowed.resolve("in/report.csv"))).isEqualTo("a,b\n");
    assertThat(host.transfers())
        .extracting(TransferRecord::dstPath)
        .containsExactly(
            "/reports/summary.txt",
            "/deeper/still/summary.txt",
            allowed.resolve("in/report.csv").toString());
  }

  @Test
  void withoutLocalDirectoriesDownloadAndUploadAreRefusedNamingTheSetting() {
    host.allowLocalDirs();
    VfsFiles.put(partner, "/a.txt", "A");

    run(
        "Log(show(v.Download('/a.txt', "
            + js(allowed.resolve("a.txt"))
            + ")));\n"
            + "Log(show(v.Upload("
            + js(allowed.resolve("a.txt"))
            + ", '/b.txt')));");

    String refusal =
        ": Download and Upload are off: no local directory is allowed for scripts"
            + " (ferry serve --local-dir DIR)";
    assertThat(host.messages())
        .containsExactly(
            "false|local: " + allowed.resolve("a.txt") + refusal,
            "false|local: " + allowed.resolve("a.txt") + refusal);
    assertThat(host.transfers()).isEmpty();
  }

  @Test
  void dotDotAndRelativePathsCannotLeaveTheLocalDirectories() throws IOException {
    VfsFiles.put(partner, "/a.txt", "A");
    Files.writeString(outside.resolve("secret.txt"), "secret");
    String escape = allowed + "/../outside/secret.txt";

    run(
        "Log(show(v.Download('/a.txt', '"
            + escape
            + "')));\n"
            + "Log(show(v.Upload('"
            + escape
            + "', '/stolen.txt')));\n"
            + "Log(show(v.Download('/a.txt', 'relative/a.txt')));");

    String outsideMessage =
        ": outside the local directories allowed for scripts (ferry serve --local-dir DIR)";
    assertThat(host.messages())
        .containsExactly(
            "false|local: " + escape + outsideMessage,
            "false|local: " + escape + outsideMessage,
            "false|local: relative/a.txt: not an absolute path");
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    assertThat(VfsFiles.exists(partner, "/stolen.txt")).isFalse();
    assertThat(host.transfers()).isEmpty();
  }

  @Test
  void symbolicLinksCannotLeaveTheLocalDirectories() throws IOException {
    VfsFiles.put(partner, "/a.txt", "A");
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.createSymbolicLink(allowed.resolve("link"), outside);
    Files.createSymbolicLink(allowed.resolve("file-link"), outside.resolve("secret.txt"));

    run(
        "Log(show(v.Download('/a.txt', "
            + js(allowed.resolve("link/new.txt"))
            + ")));\n"
            + "Log(show(v.Download('/a.txt', "
            + js(allowed.resolve("file-link"))
            + ")));\n"
            + "Log(show(v.Upload("
            + js(allowed.resolve("link/secret.txt"))
            + ", '/stolen.txt')));\n"
            + "Log(show(v.Upload("
            + js(allowed.resolve("file-link"))
            + ", '/stolen.txt')));");

    assertThat(host.messages())
        .hasSize(4)
        .allMatch(m -> m.startsWith("false|local: ") && m.contains(": outside the local"));
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    assertThat(outside.resolve("new.txt")).doesNotExist();
    assertThat(VfsFiles.exists(partner, "/stolen.txt")).isFalse();
    assertThat(host.transfers()).isEmpty();
  }

  @Test
  void aLinkThatStaysInsideIsFollowed() throws IOException {
    Files.createDirectory(allowed.resolve("real"));
    Files.createSymbolicLink(allowed.resolve("alias"), allowed.resolve("real"));
    VfsFiles.put(partner, "/a.txt", "A");

    run("Log(show(v.Download('/a.txt', " + js(allowed.resolve("alias/a.txt")) + ")));");

    assertThat(host.messages()).containsExactly("true|");
    assertThat(Files.readString(allowed.resolve("real/a.txt"))).isEqualTo("A");
    assertThat(host.transfers().getFirst().dstPath())
        .isEqualTo(allowed.resolve("real/a.txt").toString());
  }

  @Test
  void downloadOfAMissingOrDirectoryRemoteFailsWithoutARecord() {
    VfsFiles.put(partner, "/dir/x.txt", "x");

    run(
        "Log(show(v.Download('/nope.txt', "
            + js(allowed.resolve("nope.txt"))
            + ")));\n"
            + "Log(show(v.Download('/dir', "
            + js(allowed.resolve("dir"))
            + ")));");

    assertThat(host.messages())
        .containsExactly(
            "false|partner: /nope.txt: no such file",
            "false|partner: /dir: is a directory; only single files are transferred");
    assertThat(host.transfers()).isEmpty();
  }
}
