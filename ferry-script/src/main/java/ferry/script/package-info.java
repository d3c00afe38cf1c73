/**
 * The sandboxed JavaScript runtime of Ferry's script jobs.
 *
 * <p>{@link ferry.script.ScriptEngine} runs a {@link ferry.script.ScriptRun} in a fresh GraalJS
 * context on one shared engine and returns a {@link ferry.script.ScriptOutcome}. The server side of
 * a run (secrets, the job log, the VFS Library, transfer records, local directories) is a {@link
 * ferry.script.ScriptHost}. The script API objects are read-only proxies, so no Java class or
 * object is reachable from a script.
 */
package ferry.script;
