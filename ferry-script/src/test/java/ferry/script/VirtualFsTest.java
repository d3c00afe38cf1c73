package ferry.script;

import static org.assertj.core.api.Assertions.assertThat;

import ferry.vfs.LocalVfs;
import ferry.vfs.MemoryVfs;
import ferry.vfs.UploadNames;
import ferry.vfs.VPath;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code VirtualFSByName} and the file methods of the VFS object; transfers have their tests. */
class VirtualFsTest {
  private static final String SHOW = "function show(r) { return r.Ok() + '|' + r.ErrorMsg(); }\n";
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  private static ScriptEngine engine;
  private MemoryVfs mem;
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
    mem = new MemoryVfs("a", Clock.fixed(T0, ZoneOffset.UTC));
    host = new RecordingHost().vfs("inbox", mem);
  }

  private ScriptOutcome run(String source) {
    return Scripts.run(engine, SHOW + "var a = VirtualFSByName('inbox');\n" + source, host);
  }

  @Test
  void unknownNameGivesAnObjectWhoseEveryMethodFailsNamingTheVfs() {
    ScriptOutcome outcome =
        Scripts.run(
            engine,
            """
            var v = VirtualFSByName('archive-s3');
            var a = VirtualFSByName('inbox');
            var results = [v.Stat('/x'), v.Exists('/x'), v.ReadDir('/'), v.Mkdir('/d'),
                v.MkdirAll('/d/e'), v.Remove('/x'), v.RemoveAll('/x'), v.Rename('/x', '/y'),
                v.ReadFileAsText('/x'), v.WriteFileAsText('/x', 'hi'), v.CopyToVFS('/x', a, '/'),
                v.MoveToVFS('/x', a, '/'), v.Download('/x', '/tmp/x'), v.Upload('/tmp/x', '/x'),
                a.CopyToVFS('/x', v, '/')];
            results.forEach(function (r) { Log(r.Ok() + '|' + r.ErrorMsg()); });
            var s = v.Stat('/x'), t = v.CopyToVFS('/x', a, '/');
            Log(v.Name() + ' ' + s.Size() + ' ' + s.IsDir() + ' ' + JSON.stringify(s.Name())
                + ' ' + v.Exists('/x').Exists() + ' ' + t.Count() + ' ' + t.Files().length);
            """,
            host);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages().subList(0, 15))
        .containsOnly("false|archive-s3: no VFS named 'archive-s3' in the VFS Library");
    assertThat(host.messages().get(15)).isEqualTo("archive-s3 0 false \"\" false 0 0");
  }

  @Test
  void aFailureToConnectNamesTheVfsAndTheCause() {
    host.vfs(
        "partner-sftp",
        () -> {
          throw new IOException(
              "sftp://bob@10.0.0.9:22", new ConnectException("Connection refused"));
        });

    run("Log(show(VirtualFSByName('partner-sftp').ReadDir('/')));");

    assertThat(host.messages()).containsExactly("false|partner-sftp: connection refused");
  }

  @Test
  void aMissingNameIsAFailedObjectNotAnException() {
    run("Log(show(VirtualFSByName().Stat('/'))); Log(show(VirtualFSByName(42).Stat('/')));");

    assertThat(host.messages())
        .containsExactly(
            "false|VirtualFSByName: no VFS name given", "false|VirtualFSByName: no VFS name given");
  }

  @Test
  void eachNameIsOpenedOncePerRunAndClosedWhenTheRunEnds() {
    TestVfs vfs = new TestVfs(mem);
    host.vfs("inbox", vfs);

    ScriptOutcome outcome =
        run("VirtualFSByName('inbox').Mkdir('/d'); Log(show(VirtualFSByName('inbox').Stat('/d')))");

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).containsExactly("true|");
    assertThat(host.opens("inbox")).isEqualTo(1);
    assertThat(vfs.isClosed()).isTrue();
  }

  @Test
  void theVfsIsClosedAlsoWhenTheScriptExitsOrThrows() {
    TestVfs first = new TestVfs(mem);
    host.vfs("inbox", first);
    run("a.Stat('/'); Exit(3)");
    TestVfs second = new TestVfs(mem);
    host.vfs("inbox", second);
    ScriptOutcome thrown = run("a.Stat('/'); null.x");

    assertThat(first.isClosed()).isTrue();
    assertThat(second.isClosed()).isTrue();
    assertThat(thrown.status()).isEqualTo(ScriptOutcome.Status.FAILED);
  }

  @Test
  void statGivesNameSizeIsoModifiedAndIsDir() {
    VfsFiles.put(mem, "/in/report.csv", "a,b\n1,2\n");

    run(
        """
        var s = a.Stat('/in/report.csv');
        Log([s.Ok(), s.Name(), s.Size(), s.Modified(), s.IsDir()].join(' '));
        Log(a.Stat('/in').IsDir() + ' ' + (new Date(s.Modified()).getTime() > 0));
        Log(show(a.Stat('/in/nope.csv')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "true report.csv 8 2026-03-01T10:15:30.123Z false",
            "true true",
            "false|inbox: /in/nope.csv: no such file");
  }

  @Test
  void existsIsOkForMissingPathsAndFailsOnOtherErrors(@TempDir Path dir) throws IOException {
    Path root = Files.createDirectory(dir.resolve("root"));
    Files.createDirectory(dir.resolve("outside"));
    Files.createSymbolicLink(root.resolve("escape"), dir.resolve("outside"));
    Files.writeString(root.resolve("here.txt"), "x");
    host.vfs("disk", new LocalVfs(root));

    run(
        """
        var d = VirtualFSByName('disk');
        [d.Exists('/here.txt'), d.Exists('/missing'), d.Exists('/missing/deeper'),
            d.Exists('/escape/x')].forEach(function (r) { Log(r.Exists() + ' ' + show(r)); });
        """);

    assertThat(host.messages())
        .containsExactly(
            "true true|",
            "false true|",
            "false true|",
            "false false|disk: /escape/x: symbolic link leads outside the root");
  }

  @Test
  void readDirListsEntriesWithNameSizeModifiedAndIsDir() {
    VfsFiles.put(mem, "/in/a.csv", "12345");
    VfsFiles.put(mem, "/in/sub/b.csv", "1");

    run(
        """
        var r = a.ReadDir('/in');
        Log(show(r) + ' ' + JSON.stringify(r.Entries()));
        Log(show(a.ReadDir('/nope')) + ' ' + a.ReadDir('/nope').Entries().length);
        Log(show(a.ReadDir('/in/a.csv')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "true| [{\"name\":\"a.csv\",\"size\":5,\"modified\":\"2026-03-01T10:15:30.123Z\","
                + "\"isDir\":false},{\"name\":\"sub\",\"size\":0,"
                + "\"modified\":\"2026-03-01T10:15:30.123Z\",\"isDir\":true}]",
            "false|inbox: /nope: no such file 0",
            "false|inbox: /in/a.csv: not a directory");
  }

  @Test
  void readDirIsCutAtTheEntryLimitWithAMessage() throws IOException {
    mem.mkdir(VPath.of("/big"));
    for (int i = 0; i <= VfsFileOps.MAX_DIR_ENTRIES; i++) {
      mem.mkdir(VPath.of("/big/d" + i));
    }

    run("var r = a.ReadDir('/big'); Log(show(r) + ' ' + r.Entries().length);");

    assertThat(host.messages())
        .containsExactly(
            "false|inbox: /big: listing cut at 100000 entries; list smaller directories 100000");
  }

  @Test
  void mkdirAndMkdirAllCreateDirectoriesAndSayWhyNot() {
    VfsFiles.put(mem, "/file", "x");

    run(
        """
        Log(show(a.Mkdir('/one')));
        Log(show(a.Mkdir('/one')));
        Log(show(a.Mkdir('/two/three')));
        Log(show(a.MkdirAll('/two/three/four')));
        Log(show(a.MkdirAll('/two/three/four')));
        Log(show(a.MkdirAll('/file/sub')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "true|",
            "false|inbox: /one: already exists",
            "false|inbox: /two: no such file",
            "true|",
            "true|",
            "false|inbox: /file: exists and is not a directory");
    assertThat(VfsFiles.tree(mem, "/"))
        .containsExactly("/file", "/one/", "/two/", "/two/three/", "/two/three/four/");
  }

  @Test
  void removeTakesFilesAndEmptyDirectoriesOnly() {
    VfsFiles.put(mem, "/full/x.txt", "x");
    VfsFiles.put(mem, "/f.txt", "x");

    run(
        """
        Log(show(a.Remove('/f.txt')));
        Log(show(a.Remove('/f.txt')));
        Log(show(a.Remove('/full')));
        a.Remove('/full/x.txt');
        Log(show(a.Remove('/full')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "true|",
            "false|inbox: /f.txt: no such file",
            "false|inbox: /full: directory not empty",
            "true|");
    assertThat(VfsFiles.tree(mem, "/")).isEmpty();
  }

  @Test
  void removeAllRemovesATreeAndAcceptsMissingPathsButNotTheRoot() {
    for (int i = 0; i < 2500; i++) {
      VfsFiles.put(mem, "/tree/a/" + i + ".txt", "x");
    }
    VfsFiles.put(mem, "/tree/b/c/d.txt", "x");
    VfsFiles.put(mem, "/keep/file.txt", "x");

    run(
        """
        Log(show(a.RemoveAll('/tree')));
        Log(show(a.RemoveAll('/tree')));
        Log(show(a.RemoveAll('/keep/file.txt')));
        Log(show(a.RemoveAll('/')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "true|", "true|", "true|", "false|inbox: /: RemoveAll refuses to remove the root");
    assertThat(VfsFiles.tree(mem, "/")).containsExactly("/keep/");
  }

  @Test
  void renameMovesWithoutReplacing() {
    VfsFiles.put(mem, "/a.txt", "A");
    VfsFiles.put(mem, "/b.txt", "B");

    run(
        """
        Log(show(a.Rename('/a.txt', '/c.txt')));
        Log(show(a.Rename('/c.txt', '/b.txt')));
        Log(show(a.Rename('/nope.txt', '/d.txt')));
        Log(show(a.Rename('/c.txt')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "true|",
            "false|inbox: /b.txt: already exists",
            "false|inbox: /nope.txt: no such file",
            "false|inbox: argument 2 (target path) must be a string");
    assertThat(VfsFiles.text(mem, "/c.txt")).isEqualTo("A");
    assertThat(VfsFiles.text(mem, "/b.txt")).isEqualTo("B");
  }

  @Test
  void writeAndReadTextRoundTripUtf8AndLeaveNoTemporaryFile(@TempDir Path dir) throws Exception {
    host.vfs("disk", new LocalVfs(dir));
    Files.writeString(dir.resolve("old.txt"), "old");

    run(
        """
        var d = VirtualFSByName('disk');
        Log(show(d.WriteFileAsText('/old.txt', 'Grüße, 世界 ✓')));
        var r = d.ReadFileAsText('/old.txt');
        Log(show(r) + ' ' + r.Text());
        Log(show(d.WriteFileAsText('/nodir/x.txt', 'x')));
        Log(show(d.WriteFileAsText('/obj.txt', {a: 1})));
        Log(show(d.ReadFileAsText('/')) + ' ' + JSON.stringify(d.ReadFileAsText('/').Text()));
        Log(show(d.ReadFileAsText('/missing.txt')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "true|",
            "true| Grüße, 世界 ✓",
            "false|disk: /nodir: no such file",
            "false|disk: WriteFileAsText needs the text as its second argument"
                + " (JSON.stringify objects)",
            "false|disk: /: is a directory \"\"",
            "false|disk: /missing.txt: no such file");
    assertThat(Files.readString(dir.resolve("old.txt"))).isEqualTo("Grüße, 世界 ✓");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("old.txt")
          .noneMatch(UploadNames::isTemp);
    }
  }

  @Test
  void readFileAsTextRefusesFilesOverSixteenMebibytes() {
    VfsFiles.put(mem, "/big.txt", new byte[VfsFileOps.MAX_TEXT_BYTES + 1]);
    VfsFiles.put(mem, "/limit.txt", new byte[VfsFileOps.MAX_TEXT_BYTES]);

    run(
        """
        Log(show(a.ReadFileAsText('/big.txt')));
        Log(show(a.ReadFileAsText('/limit.txt')) + ' ' + a.ReadFileAsText('/limit.txt').Text().length);
        """);

    assertThat(host.messages())
        .containsExactly(
            "false|inbox: /big.txt: too large for ReadFileAsText (16777217 bytes, the limit is"
                + " 16 MiB); use CopyToVFS or Download",
            "true| 16777216");
  }

  @Test
  void badArgumentsGiveFailedResultsInsteadOfExceptions() {
    run(
        """
        Log(show(a.Stat()));
        Log(show(a.ReadDir(42)));
        Log(show(a.CopyToVFS('/x', 'inbox', '/y')));
        Log(show(a.CopyToVFS('/x', a)));
        Log(show(a.CopyToVFS('/x', a, '/y', {overwrite: 7})));
        Log(show(a.CopyToVFS('/x', a, '/y', {overwrite: 'sometimes'})));
        Log(show(a.CopyToVFS('/x', a, '/y', {tempName: 'yes'})));
        Log(show(a.CopyToVFS('/x', a, '/y', {overwrit: 1})));
        Log(show(a.CopyToVFS('/x', a, '/y', 'never')));
        Log(show(a.Download('/x')));
        """);

    assertThat(host.messages())
        .containsExactly(
            "false|inbox: argument 1 (path) must be a string",
            "false|inbox: argument 1 (path) must be a string",
            "false|inbox: argument 2 (target) must be a VFS object from VirtualFSByName(name)",
            "false|inbox: argument 3 (target directory) must be a string",
            "false|inbox: invalid options: overwrite must be 0 (never), 1 (always), 2"
                + " (ifSizeDiffers) or 3 (ifNewer), not 7",
            "false|inbox: invalid options: overwrite must be 0 (never), 1 (always), 2"
                + " (ifSizeDiffers) or 3 (ifNewer), not \"sometimes\"",
            "false|inbox: invalid options: tempName must be true or false, not \"yes\"",
            "false|inbox: invalid options: unknown option 'overwrit'; known are overwrite and"
                + " tempName",
            "false|inbox: invalid options: expected an object like {overwrite: \"ifNewer\","
                + " tempName: true}",
            "false|inbox: argument 2 (local path) must be a string");
  }

  @Test
  void vfsObjectsAndResultsAreReadOnlyAndExposeNoJava() {
    VfsFiles.put(mem, "/x.txt", "x");

    ScriptOutcome outcome =
        run(
            """
            function tryIt(f) { try { f(); Log('allowed'); } catch (e) { Log('refused'); } }
            tryIt(function () { 'use strict'; a.Stat = null; });
            tryIt(function () { 'use strict'; a.Stat('/').Ok = null; });
            tryIt(function () { 'use strict'; a.ReadDir('/').Entries()[0] = 1; });
            tryIt(function () { 'use strict'; a.ReadDir('/').Entries()[0].name = 'y'; });
            tryIt(function () { a.getClass().forName('java.lang.Runtime'); });
            tryIt(function () { a.Stat('/').getClass(); });
            """);

    assertThat(outcome.status()).isEqualTo(ScriptOutcome.Status.COMPLETED);
    assertThat(host.messages()).containsOnly("refused").hasSize(6);
  }
}
