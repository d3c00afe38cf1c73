package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobCommandTest extends AdminTestSupport {
  static final String JOB =
      """
      {"id": "q7Yc2mZ0RkK3b1uT9xw4aA", "jobType": "SCRIPT", "scriptId": "p3fEoexohdHj6SXrvuT8H8",
       "scriptName": "My Backup Job", "filePath": null, "status": "failed", "trigger": "api",
       "params": {"destination": "/archive/2026"}, "exitCode": 2, "error": "Exit(2)",
       "createdAt": "2026-11-28T10:00:00.123Z", "startedAt": "2026-11-28T10:00:00.200Z",
       "finishedAt": "2026-11-28T10:00:01.000Z",
       "log": [{"seq": 1, "time": "2026-11-28T10:00:00.300Z", "level": "WARN", "message": "disk low"}]}
      """;

  @Test
  void getPrintsTheJobAndItsLog() {
    server.on("GET", "/v1/adm/jobs/q7Yc2mZ0RkK3b1uT9xw4aA", 200, JOB);

    Cli.Result result = ferry("job", "get", "q7Yc2mZ0RkK3b1uT9xw4aA");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("script:    My Backup Job")
        .contains("status:    failed")
        .contains("exit code: 2")
        .contains("error:     Exit(2)")
        .contains("params:    {\"destination\":\"/archive/2026\"}")
        .contains("  2026-11-28T10:00:00.300Z WARN  disk low");
  }

  @Test
  void getPrintsTheFilesTheJobMovedWithTheirSha256() {
    String sha = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    String job = JOB.replace("\"log\":", """
        "transfers": [
          {"protocol": "JOB", "direction": "copy", "source": "inbox:/a.csv",
           "destination": "outbox:/in/a.csv", "bytes": 6, "durationMs": 3, "sha256": "%s",
           "ok": true, "error": null, "finishedAt": "2026-11-28T10:00:00.900Z"},
          {"protocol": "JOB", "direction": "copy", "source": "inbox:/b.csv",
           "destination": "outbox:/in/b.csv", "bytes": 0, "durationMs": 1, "sha256": null,
           "ok": false, "error": "permission denied", "finishedAt": "2026-11-28T10:00:00.950Z"}],
        "log":""".formatted(sha));
    server.on("GET", "/v1/adm/jobs/q7Yc2mZ0RkK3b1uT9xw4aA", 200, job);

    Cli.Result result = ferry("job", "get", "q7Yc2mZ0RkK3b1uT9xw4aA");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String row = "  %-8s%-11s%-14s%-18s%-7s%-66s%s";
    assertThat(result.out().lines().map(String::stripTrailing).toList())
        .containsSubsequence(
            "transfers:",
            row.formatted("RESULT", "DIRECTION", "SOURCE", "DESTINATION", "BYTES", "SHA-256", "ERROR"),
            row.formatted("ok", "copy", "inbox:/a.csv", "outbox:/in/a.csv", "6", sha, "-"),
            row.formatted("failed", "copy", "inbox:/b.csv", "outbox:/in/b.csv", "0", "-", "permission denied"),
            "log:");
  }

  @Test
  void getSaysWhenTheJobMovedNoFiles() {
    server.on("GET", "/v1/adm/jobs/q7Yc2mZ0RkK3b1uT9xw4aA", 200, JOB.replace("\"log\":", "\"transfers\": [], \"log\":"));

    Cli.Result result = ferry("job", "get", "q7Yc2mZ0RkK3b1uT9xw4aA");

    assertThat(result.out()).contains("transfers: none" + System.lineSeparator() + "log:");
  }

  @Test
  void getWithJsonPrintsTheServersJob() throws Exception {
    server.on("GET", "/v1/adm/jobs/q7Yc2mZ0RkK3b1uT9xw4aA", 200, JOB);

    Cli.Result result = ferry("job", "get", "q7Yc2mZ0RkK3b1uT9xw4aA", "--json");

    assertThat(FerryClient.JSON.readTree(result.out())).isEqualTo(FerryClient.JSON.readTree(JOB));
  }

  @Test
  void listPassesTheFiltersAndPrintsATable() {
    server.on(
        "GET",
        "/v1/adm/jobs",
        200,
        """
        {"items": [{"id": "j2", "scriptName": "My Backup Job", "status": "failed", "trigger": "cli",
                    "exitCode": 1, "createdAt": "t2", "finishedAt": "t3"},
                   {"id": "j1", "scriptName": null, "filePath": "/srv/x.js", "status": "running",
                    "trigger": "schedule", "exitCode": null, "createdAt": "t1", "finishedAt": null}],
         "page": 1, "limit": 50, "total": 2}
        """);

    Cli.Result result = ferry("job", "list", "--status", "failed", "--script", "My Backup Job");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(server.only("GET", "/v1/adm/jobs").query())
        .isEqualTo("status=failed&script=My%20Backup%20Job&page=1&limit=50");
    String row = "%-4s%-15s%-9s%-10s%-6s%-9s%s";
    assertThat(result.out().lines().toList())
        .containsExactly(
            row.formatted("ID", "SCRIPT", "STATUS", "TRIGGER", "EXIT", "CREATED", "FINISHED"),
            row.formatted("j2", "My Backup Job", "failed", "cli", "1", "t2", "t3"),
            row.formatted("j1", "/srv/x.js", "running", "schedule", "-", "t1", "-"));
  }

  @Test
  void listSaysHowToSeeTheNextPage() {
    server.on(
        "GET",
        "/v1/adm/jobs",
        200,
        "{\"items\":[{\"id\":\"j1\"}],\"page\":1,\"limit\":1,\"total\":3}");

    Cli.Result result = ferry("job", "list", "--limit", "1");

    assertThat(server.only("GET", "/v1/adm/jobs").query()).isEqualTo("page=1&limit=1");
    assertThat(result.out()).contains("(1 of 3 jobs; next: --page 2)");
  }

  @Test
  void listRejectsAnUnknownStatus() {
    Cli.Result result = ferry("job", "list", "--status", "done");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--status").contains("completed");
  }

  @Test
  void cancelPostsToCancelAndPrintsTheStatus() {
    server.on("POST", "/v1/adm/jobs/j1/cancel", 200, "{\"id\":\"j1\",\"status\":\"cancelled\"}");

    Cli.Result result = ferry("job", "cancel", "j1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip()).isEqualTo("job j1: cancelled");
  }

  @Test
  void cancelOfARunningJobSaysItIsCancelling() {
    server.on("POST", "/v1/adm/jobs/j1/cancel", 200, "{\"id\":\"j1\",\"status\":\"running\"}");

    Cli.Result result = ferry("job", "cancel", "j1");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().strip()).isEqualTo("job j1: cancelling");
    assertThat(server.requests()).noneMatch(r -> r.method().equals("GET") && r.path().equals("/v1/adm/jobs/j1"));
  }

  @Test
  void cancelWithWaitWaitsForTheEndWithoutTheLogAndExitsAsTheJobEnded() {
    // as the server ends a cancelled job: exit code 1, error "cancelled"
    ScriptedJob job = new ScriptedJob("j1", List.of(List.of("working"), List.of("stopping")), "cancelled", 1, "cancelled");
    server
        .on("POST", "/v1/adm/jobs/j1/cancel", 200, "{\"id\":\"j1\",\"status\":\"running\"}")
        .on("GET", ScriptedJob.path("j1"), job);

    Cli.Result result = ferry("job", "cancel", "j1", "--wait");

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.out().lines().toList()).containsExactly("job j1: cancelling", "job j1: cancelled");
    assertThat(server.requests().stream().filter(r -> r.path().equals(ScriptedJob.path("j1"))).map(FakeFerry.Request::query))
        .containsOnly("logAfter=" + Long.MAX_VALUE);
  }

  @Test
  void cancelWithWaitOfAJobThatCompletedMeanwhileExitsZero() {
    ScriptedJob job = new ScriptedJob("j1", List.of(List.of("almost"), List.of("done")), "completed", 0, null);
    server
        .on("POST", "/v1/adm/jobs/j1/cancel", 200, "{\"id\":\"j1\",\"status\":\"running\"}")
        .on("GET", ScriptedJob.path("j1"), job);

    Cli.Result result = ferry("job", "cancel", "j1", "--wait");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out().lines().toList()).containsExactly("job j1: cancelling", "job j1: completed");
  }

  @Test
  void cancelWithWaitOfAQueuedJobEndsAtOnce() {
    server.on("POST", "/v1/adm/jobs/j1/cancel", 200, "{\"id\":\"j1\",\"status\":\"cancelled\"}");

    Cli.Result result = ferry("job", "cancel", "j1", "--wait");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out().strip()).isEqualTo("job j1: cancelled");
    assertThat(server.requests()).noneMatch(r -> r.method().equals("GET") && r.path().equals("/v1/adm/jobs/j1"));
  }

  @Test
  void cancelOfAnEndedJobPrintsTheConflict() {
    server.on(
        "POST",
        "/v1/adm/jobs/j1/cancel",
        r -> FakeFerry.Reply.error(409, "Conflict", "job j1 already completed"));

    Cli.Result result = ferry("job", "cancel", "j1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("job j1 already completed");
  }
}
