package ferry.pipeline.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import ferry.pipeline.step.WorkFile;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One run's work directory, {@code <dataDir>/pipeline-work/<runId>/}: a subdirectory per step for
 * its outputs ({@code 0-source}, {@code 1-zip}, ...), and beside each a manifest of the files the
 * step handed on, written once the step completed. A resumed run starts from the last manifest,
 * after checking that every file it names is still there with its size.
 */
final class WorkDir {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a completed step handed on, and the run's counter after it. */
  record Manifest(long counter, List<Entry> files) {}

  /** A {@link WorkFile} with its path relative to the work directory. */
  record Entry(String path, String name, long size, Long modifiedMillis, String origin) {}

  private final Path root;

  WorkDir(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** Step {@code index}'s output directory, emptied and created. */
  Path freshStepDir(int index, String type) throws IOException {
    Path dir = stepDir(index, type);
    deleteTree(dir);
    Files.createDirectories(dir);
    return dir;
  }

  Path stepDir(int index, String type) {
    return root.resolve(index + "-" + type.replaceAll("[^a-z0-9-]", "_"));
  }

  void writeManifest(int index, List<WorkFile> files, long counter) throws IOException {
    List<Entry> entries = files.stream().map(f -> new Entry(root.relativize(f.path().toAbsolutePath()).toString(),
        f.name(), f.size(), f.modified() == null ? null : f.modified().toEpochMilli(), f.origin())).toList();
    Path tmp = root.resolve(index + ".manifest.tmp");
    JSON.writeValue(tmp.toFile(), new Manifest(counter, entries));
    try {
      Files.move(tmp, manifest(index), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, manifest(index), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The files step {@code index} handed on, when its manifest and every file in it are still whole. */
  Optional<Loaded> readManifest(int index) {
    try {
      Manifest m = JSON.readValue(manifest(index).toFile(), Manifest.class);
      List<WorkFile> files = new java.util.ArrayList<>();
      for (Entry e : m.files()) {
        Path p = root.resolve(e.path()).normalize();
        if (!p.startsWith(root) || !Files.isRegularFile(p) || Files.size(p) != e.size()) return Optional.empty();
        files.add(new WorkFile(p, e.name(), e.size(),
            e.modifiedMillis() == null ? null : Instant.ofEpochMilli(e.modifiedMillis()), e.origin()));
      }
      return Optional.of(new Loaded(m.counter(), List.copyOf(files)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  record Loaded(long counter, List<WorkFile> files) {}

  private Path manifest(int index) {
    return root.resolve(index + ".manifest.json");
  }

  void create() throws IOException {
    Files.createDirectories(root);
  }

  boolean exists() {
    return Files.isDirectory(root);
  }

  void delete() throws IOException {
    deleteTree(root);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException e) {
      // gone meanwhile: what we wanted
    }
  }
}
