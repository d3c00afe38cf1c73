package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ferry.vfs.LocalVfs;
import ferry.vfs.MemoryVfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code CopyToVFS} and {@code MoveToVFS}: files, trees, masks, policies and the records. */
class VfsCopyTest {
  private static final String PRELUDE =
      """
      function show(r) { return r.Ok() + '|' + r.ErrorMsg(); }
      var src = VirtualFSByName('inbox'), dst = VirtualFSByName('archive');
      """;
  private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NEW = Instant.parse("2026-02-01T00:00:00Z");

  private static ScriptEngine engine;
  private MemoryVfs inbox;
  private MemoryVfs archive;
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
  void library() {
    inbox = new MemoryVfs("inbox", Clock.fixed(NEW, ZoneOffset.UTC));
    archive = new MemoryVfs("archive", Clock.fixed(OLD, ZoneOffset.UTC));
    host = new RecordingHost().vfs("inbox", inbox).vfs("archive", archive);
  }

  private ScriptOutcome run(String source) {
    ScriptOutcome outcome = Scripts.run(engine, PRELUDE + source, host);
    assertThat(outcome.status())
        .as("%s %s", outcome, host.messages())
        .isEqualTo(ScriptOutcome.Status.COMPLETED);
    return outcome;
  }

  @Test
  void aTargetDirectoryEndingInASlashIsCreatedAndTheFileGoesIntoIt() {
    VfsFiles.put(inbox, "/in/report.csv", "a,b\n");

    run(
        """
        Log(show(src.CopyToVFS('/in/report.csv', dst, '/up/')));
        Log(show(src.CopyToVFS('/in/*.csv', dst, '/masked/')));
        """);

    assertThat(host.messages()).containsExactly("true|", "true|");
    assertThat(VfsFiles.text(archive, "/up/report.csv")).isEqualTo("a,b\n");
    assertThat(VfsFiles.text(archive, "/masked/report.csv")).isEqualTo("a,b\n");
  }

  @Test
  void copiesOneFileIntoTheTargetDirectoryAndReportsBytesAndSha256() {
    VfsFiles.put(inbox, "/in/report.csv", "a,b\n1,2\n");

    run(
        """
        var r = src.CopyToVFS('/in/report.csv', dst, '/2026/03');
        Log(show(r) + ' ' + r.Count() + ' ' + r.Bytes() + ' ' + JSON.stringify(r.Files()));
        """);

    String sha = VfsFiles.sha256("a,b\n1,2\n");
    assertThat(host.messages())
        .containsExactly(
            "true| 1 8 [{\"src\":\"/in/report.csv\",\"dst\":\"/2026/03/report.csv\",\"bytes\":8,"
                + "\"sha256\":\""
                + sha
                + "\",\"ok\":true,\"skipped\":false,\"error\":\"\"}]");
    assertThat(VfsFiles.text(archive, "/2026/03/report.csv")).isEqualTo("a,b\n1,2\n");
    assertThat(VfsFiles.exists(inbox, "/in/report.csv")).isTrue();
    assertThat(host.transfers())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.srcVfs()).isEqualTo("inbox");
              assertThat(t.srcPath()).isEqualTo("/in/report.csv");
              assertThat(t.dstVfs()).isEqualTo("archive");
              assertThat(t.dstPath()).isEqualTo("/2026/03/report.csv");
              assertThat(t.bytes()).isEqualTo(8);
              assertThat(t.sha256()).isEqualTo(sha);
              assertThat(t.ok()).isTrue();
              assertThat(t.error()).isEmpty();
              assertThat(t.duration().isNegative()).isFalse();
            });
  }

  @Test
  void copiesAWholeTreeUnderItsOwnName() {
    VfsFiles.put(inbox, "/out/a.txt", "A");
    VfsFiles.put(inbox, "/out/sub/b.txt", "BB");
    VfsFiles.put(inbox, "/out/sub/deeper/c.txt", "CCC");
    VfsFiles.put(inbox, "/out/.c.txt.ferry-part-0a1b2c", "partial upload of someone else");
    run(
        """
        var r = src.CopyToVFS('/out', dst, '/backup');
        Log(show(r) + ' ' + r.Count() + ' ' + r.Bytes());
        """);

    assertThat(host.messages()).containsExactly("true| 3 6");
    assertThat(VfsFiles.tree(archive, "/"))
        .containsExactly(
            "/backup/",
            "/backup/out/",
            "/backup/out/a.txt",
            "/backup/out/sub/",
            "/backup/out/sub/b.txt",
            "/backup/out/sub/deeper/",
            "/backup/out/sub/deeper/c.txt");
    assertThat(host.transfers())
        .extracting(TransferRecord::dstPath, TransferRecord::bytes, TransferRecord::sha256)
        .containsExactlyInAnyOrder(
            tuple("/backup/out/a.txt", 1L, VfsFiles.sha256("A")),
            tuple("/backup/out/sub/b.txt", 2L, VfsFiles.sha256("BB")),
            tuple("/backup/out/sub/deeper/c.txt", 3L, VfsFiles.sha256("CCC")));
  }

  @Test
  void aGlobInTheLastNameCopiesTheMatchingFilesOfThatDirectoryOnly() {
    VfsFiles.put(inbox, "/out/a.csv", "1");
    VfsFiles.put(inbox, "/out/b.csv", "2");
    VfsFiles.put(inbox, "/out/c.txt", "3");
    VfsFiles.put(inbox, "/out/sub/d.csv", "4");

    run(
        """
        var r = src.CopyToVFS('/out/*.csv', dst, '/in');
        Log(show(r) + ' ' + r.Count());
        var none = src.CopyToVFS('/out/*.xml', dst, '/in');
        Log(show(none) + ' ' + none.Count());
        Log(show(src.CopyToVFS('/nodir/*.csv', dst, '/in')));
        """);

    assertThat(host.messages())
        .containsExactly("true| 2", "true| 0", "false|inbox: /nodir: no such file");
    assertThat(VfsFiles.tree(archive, "/")).containsExactly("/in/", "/in/a.csv", "/in/b.csv");
  }

  @Test
  void moveRemovesTheSourceFilesAndTheEmptiedDirectories() {
    VfsFiles.put(inbox, "/out/a.txt", "A");
    VfsFiles.put(inbox, "/out/sub/b.txt", "B");
    VfsFiles.put(inbox, "/single.txt", "S");
    VfsFiles.put(inbox, "/logs/x.log", "X");
    VfsFiles.put(inbox, "/logs/keep.txt", "K");

    run(
        """
        Log(show(src.MoveToVFS('/out', dst, '/moved')));
        Log(show(src.MoveToVFS('/single.txt', dst, '/moved')));
        Log(show(src.MoveToVFS('/logs/*.log', dst, '/moved')));
        """);

    assertThat(host.messages()).containsExactly("true|", "true|", "true|");
    assertThat(VfsFiles.tree(inbox, "/")).containsExactly("/logs/", "/logs/keep.txt");
    assertThat(VfsFiles.tree(archive, "/"))
        .containsExactly(
            "/moved/",
            "/moved/out/",
            "/moved/out/a.txt",
            "/moved/out/sub/",
            "/moved/out/sub/b.txt",
            "/moved/single.txt",
            "/moved/x.log");
    assertThat(host.transfers()).hasSize(4).allMatch(TransferRecord::ok);
  }

  @ParameterizedTest(name = "overwrite {0}: same size {1}, source newer {2} -> copied {3}")
  @CsvSource({
    "0, false, true, false",
    "'\"never\"', false, true, false",
    "1, true, false, true",
    "'\"always\"', true, false, true",
    "2, true, true, false",
    "2, false, true, true",
    "'\"ifSizeDiffers\"', false, false, true",
    "3, false, true, true",
    "3, false, false, false",
    "'\"ifNewer\"', true, true, true"
  })
  void eachOverwritePolicyDecidesAboutAnExistingTarget(
      String policy, boolean sameSize, boolean sourceNewer, boolean copied) {
    MemoryVfs newer = new MemoryVfs("n", Clock.fixed(NEW, ZoneOffset.UTC));
    MemoryVfs older = new MemoryVfs("o", Clock.fixed(OLD, ZoneOffset.UTC));
    MemoryVfs source = sourceNewer ? newer : older;
    MemoryVfs target = sourceNewer ? older : newer;
    host.vfs("inbox", source).vfs("archive", target);
    VfsFiles.put(source, "/f.txt", "new!");
    VfsFiles.put(target, "/d/f.txt", sameSize ? "old!" : "older");

    run(
        "var r = src.CopyToVFS('/f.txt', dst, '/d', {overwrite: "
            + policy
            + "});\n"
            + "Log(show(r) + ' ' + r.Count() + ' ' + r.Files()[0].skipped);");

    assertThat(host.messages()).containsExactly("true| " + (copied ? "1 false" : "0 true"));
    assertThat(VfsFiles.text(target, "/d/f.txt"))
        .isEqualTo(copied ? "new!" : sameSize ? "old!" : "older");
    assertThat(host.transfers()).hasSize(copied ? 1 : 0);
  }

  @Test
  void neverOverwriteCopiesFilesThatAreNotThereYet() {
    VfsFiles.put(inbox, "/out/a.txt", "A");
    VfsFiles.put(inbox, "/out/b.txt", "B");
    VfsFiles.put(archive, "/d/out/a.txt", "old");

    run(
        """
        var r = src.CopyToVFS('/out', dst, '/d', {overwrite: 0, tempName: false});
        Log(show(r) + ' ' + r.Count() + ' ' + r.Files().length);
        """);

    assertThat(host.messages()).containsExactly("true| 1 2");
    assertThat(VfsFiles.text(archive, "/d/out/a.txt")).isEqualTo("old");
    assertThat(VfsFiles.text(archive, "/d/out/b.txt")).isEqualTo("B");
  }

  @ParameterizedTest(name = "tempName {0}")
  @CsvSource({"true", "false"})
  void aFailingTargetLeavesNoPartialFileAndIsReported(boolean tempName, @TempDir Path dir)
      throws Exception {
    byte[] big = new byte[300_000];
    VfsFiles.put(inbox, "/big.bin", big);
    VfsFiles.put(inbox, "/small.txt", "fits");
    TestVfs failing = new TestVfs(new LocalVfs(dir)).failWritesAfter(100_000);
    host.vfs("archive", failing);

    run(
        "var r = src.CopyToVFS('/*', dst, '/', {tempName: "
            + tempName
            + "});\n"
            + "Log(show(r) + ' ' + r.Count() + ' ' + r.Bytes());");

    assertThat(host.messages())
        .containsExactly("false|archive: /big.bin: injected write failure 1 4");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("small.txt");
    }
    Map<Boolean, List<TransferRecord>> byOk =
        host.transfers().stream().collect(Collectors.partitioningBy(TransferRecord::ok));
    assertThat(byOk.get(false))
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.srcPath()).isEqualTo("/big.bin");
              assertThat(t.bytes()).isLessThan(big.length);
              assertThat(t.sha256()).isEmpty();
              assertThat(t.error()).isEqualTo("archive: /big.bin: injected write failure");
            });
    assertThat(byOk.get(true)).singleElement().extracting(TransferRecord::bytes).isEqualTo(4L);
  }

  @Test
  void aMissingSourceFailsWithoutATransferRecord() {
    run("Log(show(src.CopyToVFS('/in/report.csv', dst, '/x')));");

    assertThat(host.messages()).containsExactly("false|inbox: /in/report.csv: no such file");
    assertThat(host.transfers()).isEmpty();
    assertThat(VfsFiles.tree(archive, "/")).isEmpty();
  }

  @Test
  void aDirectoryIsNotCopiedIntoItselfNorAFileOntoItself() {
    VfsFiles.put(inbox, "/out/a.txt", "A");

    run(
        """
        Log(show(src.CopyToVFS('/out', src, '/out/copy')));
        Log(show(src.CopyToVFS('/out/a.txt', src, '/out', {tempName: false})));
        """);

    assertThat(host.messages())
        .containsExactly(
            "false|inbox: /out: cannot copy a directory into itself",
            "false|inbox: /out/a.txt: source and target are the same file");
    assertThat(VfsFiles.text(inbox, "/out/a.txt")).isEqualTo("A");
  }

  @Test
  void aTargetDirectoryThatIsAFileFailsNamingTheTargetVfs() {
    VfsFiles.put(inbox, "/a.txt", "A");
    VfsFiles.put(archive, "/taken", "file");

    run("Log(show(src.CopyToVFS('/a.txt', dst, '/taken/sub')));");

    assertThat(host.messages())
        .containsExactly("false|archive: /taken: exists and is not a directory");
  }
}
