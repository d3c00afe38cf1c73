package ferry.pipeline.run;

import static java.util.Objects.requireNonNull;

import ferry.pipeline.definition.Source;
import ferry.vfs.DirLister;
import ferry.vfs.FileAttrs;
import ferry.vfs.UploadNames;
import ferry.vfs.VPath;
import ferry.vfs.Vfs;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Lists the files a source picks now: under its path (and below, when recursive), whose name
 * matches the glob or the regex, within the size bounds and at least {@code min_age} old. Runs'
 * own temporary files ({@code *.ferry-<run>.part}), uploads still being written under their
 * temporary names, and the archive directory are never picked.
 */
public final class SourcePicker {
  static final int LIST_BATCH = 1000;
  private static final Pattern PART = Pattern.compile(".*\\.ferry-[0-9a-fA-F-]+\\.part$");

  private final Clock clock;

  public SourcePicker(Clock clock) {
    this.clock = requireNonNull(clock, "No clock");
  }

  /** The files {@code source} picks in {@code vfs} now, sorted by path. */
  public List<SourceFile> pick(Vfs vfs, Source source) throws IOException {
    VPath root = VPath.of(source.location().path());
    VPath archive = source.archivePath() == null ? null : VPath.of(source.archivePath());
    Predicate<String> name = nameMatcher(source);
    Instant youngest = clock.instant().minus(source.minAge());
    List<SourceFile> out = new ArrayList<>();
    Deque<VPath> dirs = new ArrayDeque<>();
    dirs.push(root);
    while (!dirs.isEmpty()) {
      VPath dir = dirs.pop();
      try (DirLister lister = vfs.list(dir)) {
        for (List<FileAttrs> batch = lister.next(LIST_BATCH); !batch.isEmpty(); batch = lister.next(LIST_BATCH)) {
          for (FileAttrs a : batch) {
            VPath p = dir.child(a.name());
            if (a.isDir()) {
              if (source.recursive() && (archive == null || !p.startsWith(archive))) dirs.push(p);
            } else if (picks(source, name, youngest, a)) {
              out.add(new SourceFile(p.toString(), a.size(), a.modified()));
            }
          }
        }
      }
    }
    out.sort(Comparator.comparing(SourceFile::path));
    return out;
  }

  /** The identity "already seen" tracking keys a file by: a changed file is a new file. */
  public static String seenKey(SourceFile f) {
    return f.path() + "|" + f.size() + "|" + f.modified().toEpochMilli();
  }

  private static boolean picks(Source s, Predicate<String> name, Instant youngest, FileAttrs a) {
    // a run's temporary delivery and an upload in progress are not files yet
    if (PART.matcher(a.name()).matches() || UploadNames.isTemp(a.name()) || !name.test(a.name())) return false;
    if (s.minSize() != null && a.size() < s.minSize()) return false;
    if (s.maxSize() != null && a.size() > s.maxSize()) return false;
    return !a.modified().isAfter(youngest);
  }

  private static Predicate<String> nameMatcher(Source s) {
    if (s.regex() != null) {
      Pattern re = Pattern.compile(s.regex());
      return n -> re.matcher(n).find();
    }
    PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + s.pattern());
    return n -> {
      try {
        return glob.matches(Path.of(n));
      } catch (RuntimeException e) { // a name the local file system cannot hold: it matches no glob
        return false;
      }
    };
  }
}
