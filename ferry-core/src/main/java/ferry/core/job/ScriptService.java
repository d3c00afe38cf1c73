package ferry.core.job;

import static java.util.Objects.requireNonNull;

import ferry.core.Ids;
import ferry.core.Validation;
import ferry.core.auth.Actor;
import ferry.core.error.NotFoundException;
import ferry.core.error.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Stored scripts: a script that does not parse is refused when it is saved. */
public final class ScriptService {
  public static final int MAX_SOURCE_CHARS = 1024 * 1024;
  private static final int MAX_NAME = 200;

  private final ScriptRepository repo;
  private final SyntaxChecker syntax;
  private final Clock clock;

  public ScriptService(ScriptRepository repo, SyntaxChecker syntax, Clock clock) {
    this.repo = requireNonNull(repo, "No script repository");
    this.syntax = requireNonNull(syntax, "No syntax checker");
    this.clock = requireNonNull(clock, "No clock");
  }

  public Script create(Actor actor, String name, String source, String description) {
    actor.requireAdmin("manage scripts");
    String n = checkName(name);
    checkSource(n, source);
    Instant now = clock.instant();
    Script s = new Script(Ids.newId(), n, description == null ? "" : description, source, now, now);
    repo.insert(s);
    return s;
  }

  /** Changes the non-null fields of the script found by id or name. */
  public Script update(Actor actor, String idOrName, String name, String source, String description) {
    Script old = get(actor, idOrName);
    String n = name == null ? old.name() : checkName(name);
    String src = source == null ? old.source() : source;
    if (source != null) checkSource(n, src);
    Script s =
        new Script(old.id(), n, description == null ? old.description() : description, src,
            old.createdAt(), clock.instant());
    repo.update(s);
    return s;
  }

  /** The script with this id, or else with this name ignoring case. */
  public Script get(Actor actor, String idOrName) {
    actor.requireAdmin("manage scripts");
    return repo.findById(idOrName)
        .or(() -> repo.findByName(idOrName))
        .orElseThrow(() -> new NotFoundException("no script with id or name '" + idOrName + "'"));
  }

  /** The script named {@code name} ignoring case. */
  public Script getByName(String name) {
    return repo.findByName(name)
        .orElseThrow(() -> new NotFoundException("no script named '" + name + "'"));
  }

  /** The script with id {@code id}. */
  public Script getById(String id) {
    return repo.findById(id).orElseThrow(() -> new NotFoundException("no script with id '" + id + "'"));
  }

  /** Every script, sorted by name. */
  public List<Script> list(Actor actor) {
    actor.requireAdmin("manage scripts");
    return repo.list();
  }

  public void delete(Actor actor, String idOrName) {
    repo.delete(get(actor, idOrName).id());
  }

  /** Refuses a source that is too long or does not parse, naming the line and column. */
  public void checkSource(String name, String source) {
    if (source == null || source.isBlank()) throw new ValidationException("source is required");
    if (source.length() > MAX_SOURCE_CHARS)
      throw new ValidationException("source is longer than " + MAX_SOURCE_CHARS + " characters");
    syntax.check(name, source).ifPresent(p -> {
      throw new ValidationException(
          "syntax error at line " + p.line() + ", column " + p.column() + ": " + p.message(),
          Map.of("line", p.line(), "column", p.column()));
    });
  }

  private static String checkName(String name) {
    String n = name == null ? "" : Validation.noControlCharacters("name", name).trim();
    if (n.isEmpty() || n.length() > MAX_NAME)
      throw new ValidationException("name is required (1 to " + MAX_NAME + " characters)");
    return n;
  }
}
