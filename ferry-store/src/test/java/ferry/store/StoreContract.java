package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ferry.core.Ids;
import ferry.core.admin.Admin;
import ferry.core.admin.AdminFilters;
import ferry.core.admin.AdminPermission;
import ferry.core.account.BandwidthLimit;
import ferry.core.account.FolderMapping;
import ferry.core.account.Group;
import ferry.core.account.GroupMapping;
import ferry.core.account.GroupUserSettings;
import ferry.core.account.PatternsFilter;
import ferry.core.account.Permission;
import ferry.core.account.UsageRepository;
import ferry.core.account.User;
import ferry.core.account.UserFilters;
import ferry.core.account.UserQuery;
import ferry.core.auth.ApiKey;
import ferry.core.auth.KeyScope;
import ferry.core.error.ConflictException;
import ferry.core.folder.Folder;
import ferry.core.job.Job;
import ferry.core.job.JobFilter;
import ferry.core.job.JobLogLine;
import ferry.core.job.JobStatus;
import ferry.core.job.JobSummary;
import ferry.core.job.JobTrigger;
import ferry.core.job.Script;
import ferry.core.page.Page;
import ferry.core.page.PageRequest;
import ferry.core.secret.StoredSecret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every database Ferry supports must do; subclassed for H2 and PostgreSQL. */
abstract class StoreContract extends OpenStore {
  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00.123Z");

  @Test
  void adminsKeepPermissionsFiltersAndListInOrder() {
    store.admins().insertIfAbsent(new Admin("admin", "hash", T0));
    Admin viewer = new Admin(0, "viewer", "h2", Admin.DISABLED, "v@example.com", "d",
        Set.of(AdminPermission.VIEW_USERS, AdminPermission.ADD_USERS), new AdminFilters(List.of("10.0.0.0/8"), true),
        "info", T0, T0, null);
    long id = store.admins().insert(viewer);
    assertThat(id).isPositive();
    assertThatThrownBy(() -> store.admins().insert(viewer)).isInstanceOf(ConflictException.class);

    Admin found = store.admins().find("viewer").orElseThrow();
    assertThat(found.id()).isEqualTo(id);
    assertThat(found.permissions()).containsExactlyInAnyOrder(AdminPermission.VIEW_USERS, AdminPermission.ADD_USERS);
    assertThat(found.filters()).isEqualTo(new AdminFilters(List.of("10.0.0.0/8"), true));
    assertThat(found.status()).isEqualTo(Admin.DISABLED);
    assertThat(store.admins().find("admin").orElseThrow().permissions()).containsExactly(AdminPermission.ALL);
    assertThat(store.admins().countEnabledSuperAdmins()).isEqualTo(1);

    store.admins().update(new Admin(id, "viewer", "h3", Admin.ENABLED, "", "", Set.of(AdminPermission.ALL),
        AdminFilters.NONE, "", T0, T0.plusSeconds(5), null));
    assertThat(store.admins().countEnabledSuperAdmins()).isEqualTo(2);
    assertThat(store.admins().find("viewer").orElseThrow().passwordHash()).isEqualTo("h3");
    store.admins().touchLogin("viewer", T0.plusSeconds(60), T0);
    assertThat(store.admins().find("viewer").orElseThrow().lastLogin()).isEqualTo(T0.plusSeconds(60));

    assertThat(store.admins().list(0, 10, true)).extracting(Admin::username).containsExactly("viewer", "admin");
    assertThat(store.admins().list(1, 10, false)).extracting(Admin::username).containsExactly("viewer");
    assertThat(store.admins().delete("viewer")).isTrue();
    assertThat(store.admins().delete("viewer")).isFalse();
  }

  @Test
  void adminsAreInsertedOnceAndFoundByName() {
    assertThat(store.admins().insertIfAbsent(new Admin("admin", "hash", T0))).isTrue();
    assertThat(store.admins().insertIfAbsent(new Admin("admin", "other", T0))).isFalse();
    assertThat(store.admins().find("admin")).get().extracting(Admin::passwordHash).isEqualTo("hash");
    assertThat(store.admins().count()).isEqualTo(1);
  }

  @Test
  void apiKeysRoundTripWithTimesAndAllowList() {
    ApiKey k = new ApiKey("id1", "ci", KeyScope.JOBS, "admin:admin", List.of("127.0.0.1/32", "::1/128"),
        T0.plus(1, ChronoUnit.DAYS), "d", T0, null, null, "abc");
    store.apiKeys().insert(k);
    assertThat(store.apiKeys().find("id1")).contains(k);
    store.apiKeys().touch("id1", T0.plusSeconds(5));
    assertThat(store.apiKeys().find("id1").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(5));
    store.apiKeys().deleteByName("ci");
    assertThat(store.apiKeys().find("id1")).isEmpty();
  }

  @Test
  void fileServerKeysKeepTheirBoundAccountAndAreDeletedById() {
    ApiKey k = new ApiKey("id2", "bound", KeyScope.FILE_USER, "admin:admin", List.of("0.0.0.0/0"), null, "", T0,
        null, null, "abc", null, "alice", T0);
    store.apiKeys().insert(k);
    assertThat(store.apiKeys().find("id2")).contains(k);
    ApiKey changed = k.withChanges("renamed", KeyScope.FILE_ADMIN, T0.plusSeconds(9), "d", "root", null,
        T0.plusSeconds(1));
    store.apiKeys().update(changed);
    assertThat(store.apiKeys().find("id2")).contains(changed);
    assertThat(store.apiKeys().delete("id2")).isTrue();
    assertThat(store.apiKeys().delete("id2")).isFalse();
  }

  @Test
  void theTokenKeyIsStoredOnceAndRevocationsArePrunedAfterTheirExpiry() {
    assertThat(store.tokens().findKey("k")).isEmpty();
    assertThat(store.tokens().insertKeyIfAbsent("k", new byte[] {1, 2}, T0)).isTrue();
    assertThat(store.tokens().insertKeyIfAbsent("k", new byte[] {3}, T0)).isFalse();
    assertThat(store.tokens().findKey("k").orElseThrow()).containsExactly(1, 2);
    store.tokens().revoke("old", T0);
    store.tokens().revoke("new", T0.plusSeconds(60));
    store.tokens().revoke("new", T0.plusSeconds(60)); // twice is no error
    assertThat(store.tokens().isRevoked("old")).isTrue();
    assertThat(store.tokens().isRevoked("other")).isFalse();
    assertThat(store.tokens().pruneRevoked(T0.plusSeconds(1))).isEqualTo(1);
    assertThat(store.tokens().isRevoked("old")).isFalse();
    assertThat(store.tokens().isRevoked("new")).isTrue();
  }

  @Test
  void secretsUpsertReportsCreationAndKeepsBytes() {
    byte[] sealed = {1, 2, 3, 0, (byte) 255};
    assertThat(store.secrets().upsert(new StoredSecret("a", sealed, T0, T0))).isTrue();
    assertThat(store.secrets().upsert(new StoredSecret("a", new byte[] {9}, T0, T0.plusSeconds(1)))).isFalse();
    assertThat(store.secrets().find("a").orElseThrow().sealed()).containsExactly(9);
    assertThat(store.secrets().delete("a")).isTrue();
    assertThat(store.secrets().list()).isEmpty();
  }

  @Test
  void scriptNamesAreUniqueIgnoringCase() {
    store.scripts().insert(new Script("s1", "My Backup Job", "", "Log.Info(1)", T0, T0));
    assertThat(store.scripts().findByName("my backup JOB")).isPresent();
    assertThatThrownBy(() -> store.scripts().insert(new Script("s2", "MY BACKUP JOB", "", "x", T0, T0)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
  }

  @Test
  void jobsAreClaimedOldestFirstAndFinishedOnce() {
    for (int i = 0; i < 5; i++) store.jobs().insert(job("j" + i));
    List<Job> first = store.jobs().claim("n1", 3, T0);
    assertThat(first).extracting(Job::id).containsExactly("j0", "j1", "j2");
    assertThat(first).allMatch(j -> j.status() == JobStatus.RUNNING && "n1".equals(j.node()));
    assertThat(store.jobs().finish("j0", JobStatus.COMPLETED, 0, null, T0, List.of(new JobLogLine(1, T0, "INFO", "last"))))
        .isTrue();
    assertThat(store.jobs().finish("j0", JobStatus.FAILED, 1, "x", T0, List.of(new JobLogLine(2, T0, "INFO", "late"))))
        .isFalse();
    assertThat(store.jobs().log("j0", 0, 100)).extracting(JobLogLine::message).containsExactly("last");
    assertThat(store.jobs().cancelQueued("j3", T0)).isTrue();
    assertThat(store.jobs().find("j3").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(store.jobs().list(new JobFilter(JobStatus.RUNNING, null, null), PageRequest.first()).total()).isEqualTo(2);
    assertThat(store.jobs().list(new JobFilter(null, "SCRIPT", "owner"), new PageRequest(1, 2)).items())
        .extracting(JobSummary::id).containsExactly("j4", "j3");
  }

  @Test
  void aJobClaimedByIdIsClaimedOnceAndOnlyWhileQueued() {
    store.jobs().insert(job("j1"));
    store.jobs().insert(job("j2"));
    assertThat(store.jobs().claim("j1", "n1", T0)).isTrue();
    assertThat(store.jobs().claim("j1", "n2", T0)).isFalse();
    Job j1 = store.jobs().find("j1").orElseThrow();
    assertThat(j1.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(j1.node()).isEqualTo("n1");
    assertThat(j1.startedAt()).isEqualTo(T0);
    assertThat(store.jobs().claim("n2", 5, T0)).extracting(Job::id).containsExactly("j2");
    assertThat(store.jobs().cancelQueued("j1", T0)).isFalse();
    store.jobs().insert(job("j3"));
    assertThat(store.jobs().cancelQueued("j3", T0)).isTrue();
    assertThat(store.jobs().claim("j3", "n1", T0)).isFalse();
    assertThat(store.jobs().claim("missing", "n1", T0)).isFalse();
  }

  @Test
  void concurrentClaimersNeverShareAJob() throws Exception {
    int jobs = 200;
    for (int i = 0; i < jobs; i++) store.jobs().insert(job(Ids.newId()));
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<String> dupes = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String node = "n" + w;
      fs.add(pool.submit(() -> {
        List<Job> got;
        while (!(got = store.jobs().claim(node, 7, T0)).isEmpty())
          for (Job j : got) if (!seen.add(j.id())) dupes.add(j.id());
      }));
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
    assertThat(dupes).isEmpty();
    assertThat(seen).hasSize(jobs);
  }

  @Test
  void cancellationFlagsReachTheRunningNode() {
    store.jobs().insert(job("j1"));
    store.jobs().claim("n1", 1, T0);
    assertThat(store.jobs().requestCancel("j1")).isTrue();
    assertThat(store.jobs().cancelRequested("n1")).containsExactly("j1");
    assertThat(store.jobs().cancelRequested("n2")).isEmpty();
  }

  @Test
  void logsComeBackInOrderAfterASeq() {
    store.jobs().insert(job("j1"));
    store.jobs().appendLog("j1", List.of(new JobLogLine(1, T0, "INFO", "a"), new JobLogLine(2, T0, "ERROR", "b")));
    store.jobs().appendLog("j1", List.of(new JobLogLine(3, T0, "INFO", "c")));
    assertThat(store.jobs().log("j1", 1, 100)).extracting(JobLogLine::message).containsExactly("b", "c");
    assertThat(store.jobs().log("j1", 0, 2)).extracting(JobLogLine::message).containsExactly("a", "b");
  }

  @Test
  void listingsLeaveOutSourceAndParams() {
    Job big = new Job("j1", "s1", "Script", null, "x".repeat(100_000), Map.of("blob", "y".repeat(60_000)),
        JobTrigger.API, JobStatus.QUEUED, null, null, "owner", null, T0, null, null);
    store.jobs().insert(big);
    assertThat(store.jobs().list(new JobFilter(null, null, null), PageRequest.first()).items())
        .containsExactly(big.summary());
  }

  @Test
  void finishedJobsArePrunedByAgeAndCountWithTheirLogsButNotTheirTransfers() {
    for (int i = 0; i < 6; i++) {
      store.jobs().insert(job("f" + i));
      store.jobs().claim("f" + i, "n1", T0);
      store.jobs().finish("f" + i, JobStatus.COMPLETED, 0, null, T0.plusSeconds(i * 3600L),
          List.of(new JobLogLine(1, T0, "INFO", "done " + i)));
      store.transfers().insert(ferry.core.transfer.TransferRecord.job("f" + i, "a", "/x", "b", "/y", 1,
          java.time.Duration.ZERO, null, true, null, T0));
    }
    store.jobs().insert(job("queued"));
    store.jobs().insert(job("running"));
    store.jobs().claim("running", "n1", T0);

    // by age: f0 and f1 finished before T0 + 2 h
    assertThat(store.jobs().pruneFinishedBefore(T0.plusSeconds(7200), 1000)).isEqualTo(2);
    assertThat(store.jobs().pruneFinishedBefore(T0.plusSeconds(7200), 1000)).isZero(); // idempotent
    assertThat(store.jobs().find("f1")).isEmpty();
    assertThat(store.jobs().log("f1", 0, 10)).isEmpty();
    assertThat(store.transfers().byJob("f1")).hasSize(1);

    // by count, in batches: keep the 2 newest finished (f4, f5)
    assertThat(store.jobs().pruneFinishedBeyond(2, 1)).isEqualTo(1);
    assertThat(store.jobs().pruneFinishedBeyond(2, 1000)).isEqualTo(1);
    assertThat(store.jobs().pruneFinishedBeyond(2, 1000)).isZero();
    assertThat(store.jobs().list(new JobFilter(null, null, null), PageRequest.first()).items())
        .extracting(JobSummary::id).containsExactly("running", "queued", "f5", "f4");
    assertThat(store.jobs().log("f5", 0, 10)).extracting(JobLogLine::message).containsExactly("done 5");
    assertThat(store.jobs().pruneFinishedBefore(T0.plusSeconds(999_999), 1000)).isEqualTo(2);
    assertThat(store.jobs().find("queued")).isPresent();
    assertThat(store.jobs().find("running")).isPresent();
  }

  @Test
  void jobsOfDeadNodesAreInterrupted() {
    store.jobs().insert(job("j1"));
    store.jobs().insert(job("j2"));
    store.jobs().heartbeat("dead", T0);
    store.jobs().heartbeat("alive", T0.plusSeconds(60));
    store.jobs().claim("dead", 1, T0);
    store.jobs().claim("alive", 1, T0);
    int n = store.jobs().interruptOrphans("me", T0.plusSeconds(30), "node stopped", T0.plusSeconds(61));
    assertThat(n).isEqualTo(1);
    assertThat(store.jobs().find("j1").orElseThrow().status()).isEqualTo(JobStatus.INTERRUPTED);
    assertThat(store.jobs().find("j2").orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void settingsAreStoredAndReplaced() {
    store.settings().put("allow_cli_run", "true");
    store.settings().put("allow_cli_run", "false");
    assertThat(store.settings().all()).containsEntry("allow_cli_run", "false");
  }

  @Test
  void usersRoundTripWithTheirGroupsFoldersAndDocuments() {
    store.folders().insert(new Folder(0, "shared", "", "/srv/shared", Map.of("provider", 0), T0, T0));
    store.groups().insert(group("staff", List.of(new FolderMapping("shared", "/team", -1, -1))));
    store.groups().insert(group("club", List.of()));
    UserFilters filters = new UserFilters(List.of("10.0.0.0/8"), List.of(), List.of("password"), List.of("FTP"),
        List.of(new PatternsFilter("/in", List.of("*.csv"), List.of(), 1)), 5,
        List.of(new BandwidthLimit(List.of("192.168.0.0/16"), 10, 20)), true, "/in");
    User u = user("alice", filters, List.of(new GroupMapping("staff", 1), new GroupMapping("club", 2)),
        List.of(new FolderMapping("shared", "/data", 100, 10)));
    long id = store.users().insert(u);
    User got = store.users().find("alice").orElseThrow();
    assertThat(got.id()).isEqualTo(id);
    assertThat(got.permissions()).isEqualTo(u.permissions());
    assertThat(got.filters()).isEqualTo(filters);
    assertThat(got.filesystem()).isEqualTo(u.filesystem());
    assertThat(got.groups()).containsExactly(new GroupMapping("staff", 1), new GroupMapping("club", 2));
    assertThat(got.virtualFolders()).containsExactly(new FolderMapping("shared", "/data", 100, 10));
    assertThat(got.passwordHash()).isEqualTo("$argon2id$x");
    assertThat(got.expirationDate()).isEqualTo(T0.plusSeconds(3600));
    assertThat(got.createdAt()).isEqualTo(T0);
    assertThat(store.groups().find("staff").orElseThrow().virtualFolders())
        .containsExactly(new FolderMapping("shared", "/team", -1, -1));
    assertThat(store.groups().find("staff").orElseThrow().userSettings().permissions())
        .containsEntry("/", Set.of(Permission.LIST, Permission.DOWNLOAD));
    assertThat(store.users().membersOf("club")).containsExactly("alice");
    assertThat(store.folders().stats("shared").users()).containsExactly("alice");

    store.users().update(user("alice", UserFilters.NONE, List.of(new GroupMapping("club", 1)), List.of()));
    got = store.users().find("alice").orElseThrow();
    assertThat(got.groups()).containsExactly(new GroupMapping("club", 1));
    assertThat(got.virtualFolders()).isEmpty();
    assertThat(got.filters()).isEqualTo(UserFilters.NONE);
    assertThat(store.users().membersOf("staff")).isEmpty();

    assertThatThrownBy(() -> store.users().insert(user("alice", UserFilters.NONE, List.of(), List.of())))
        .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");
    store.users().insert(user("bob", UserFilters.NONE, List.of(), List.of()));
    store.users().insert(user("carl", UserFilters.NONE, List.of(), List.of()));
    Page<User> page = store.users().list(new PageRequest(2, 2));
    assertThat(page.items()).extracting(User::username).containsExactly("carl");
    assertThat(page.total()).isEqualTo(3);
    assertThat(store.users().delete("bob")).isTrue();
    assertThat(store.users().delete("bob")).isFalse();
  }

  @Test
  void usersAreSearchedSortedAndPagedInTheDatabase() {
    store.folders().insert(new Folder(0, "shared", "", "/srv/shared", Map.of("provider", 0), T0, T0));
    store.groups().insert(group("club", List.of()));
    store.users().insert(user("anna", UserFilters.NONE, List.of(new GroupMapping("club", 2)),
        List.of(new FolderMapping("shared", "/data", 0, 0))));
    for (String n : List.of("bert", "carla", "dora_x", "dorax")) store.users().insert(user(n, UserFilters.NONE,
        List.of(), List.of()));
    store.users().touchLogin("carla", T0.plusSeconds(10), T0);
    store.users().touchLogin("anna", T0.plusSeconds(20), T0);
    Page<User> p = store.users().search(new UserQuery("", null, UserQuery.Sort.USERNAME, true), new PageRequest(1, 2));
    assertThat(p.items()).extracting(User::username).containsExactly("dorax", "dora_x");
    assertThat(p.total()).isEqualTo(5);
    p = store.users().search(new UserQuery("", null, UserQuery.Sort.LAST_LOGIN, true), new PageRequest(1, 3));
    assertThat(p.items()).extracting(User::username).containsExactly("anna", "carla", "bert");
    // a page's mappings come with it
    assertThat(p.items().get(0).groups()).containsExactly(new GroupMapping("club", 2));
    assertThat(p.items().get(0).virtualFolders()).containsExactly(new FolderMapping("shared", "/data", 0, 0));
    assertThat(p.items().get(1).groups()).isEmpty();
    // "_" is a character, not a LIKE wildcard; the e-mail is searched too, case-insensitively
    p = store.users().search(new UserQuery("A_", null, UserQuery.Sort.USERNAME, false), new PageRequest(1, 10));
    assertThat(p.items()).extracting(User::username).containsExactly("dora_x");
    p = store.users().search(new UserQuery("@EXAMPLE", 1, UserQuery.Sort.USERNAME, false), new PageRequest(2, 4));
    assertThat(p.items()).extracting(User::username).containsExactly("dorax");
    assertThat(p.total()).isEqualTo(5);
    assertThat(store.users().search(new UserQuery("", 0, UserQuery.Sort.STATUS, false), PageRequest.first()).total())
        .isZero();
  }

  @Test
  void groupsAndFoldersInUseCannotBeDeleted() {
    store.folders().insert(new Folder(0, "shared", "", "/srv/shared", Map.of("provider", 0), T0, T0));
    store.groups().insert(group("staff", List.of()));
    store.users().insert(user("alice", UserFilters.NONE, List.of(new GroupMapping("staff", 2)),
        List.of(new FolderMapping("shared", "/data", 0, 0))));
    assertThatThrownBy(() -> store.groups().delete("staff")).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> store.folders().delete("shared")).isInstanceOf(ConflictException.class)
        .hasMessageContaining("user alice");
    assertThat(store.users().delete("alice")).isTrue();
    assertThat(store.groups().delete("staff")).isTrue();
    assertThat(store.folders().delete("shared")).isTrue();
  }

  @Test
  void usageIsAddedAtomicallyAndNeverNegative() throws Exception {
    store.folders().insert(new Folder(0, "shared", "", "/srv/shared", Map.of("provider", 0), T0, T0));
    store.users().insert(user("alice", UserFilters.NONE, List.of(), List.of()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> fs = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      fs.add(pool.submit(() -> {
        for (int i = 0; i < 50; i++) {
          store.usage().addToUser("alice", 10, 1);
          store.usage().addToFolder("shared", 3, 1);
        }
      }));
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
    assertThat(store.usage().user("alice")).isEqualTo(new UsageRepository.Usage(2000, 200));
    assertThat(store.usage().folder("shared")).isEqualTo(new UsageRepository.Usage(600, 200));
    store.usage().addToUser("alice", -5000, -1);
    assertThat(store.usage().user("alice")).isEqualTo(new UsageRepository.Usage(0, 199));
    assertThat(store.usage().user("nobody")).isEqualTo(new UsageRepository.Usage(0, 0));
    User alice = store.users().find("alice").orElseThrow();
    assertThat(alice.usage().usedFiles()).isEqualTo(199);
    assertThat(alice.usage().lastUpdate()).isNotNull();
    assertThat(store.folders().stats("shared").usedQuotaSize()).isEqualTo(600);
    assertThat(store.folders().stats("shared").lastQuotaUpdate()).isNotNull();
  }

  @Test
  void usageIsReplacedByASetForUsersAndFolders() {
    store.folders().insert(new Folder(0, "shared", "", "/srv/shared", Map.of("provider", 0), T0, T0));
    store.users().insert(user("alice", UserFilters.NONE, List.of(), List.of()));
    store.usage().addToUser("alice", 100, 10);
    store.usage().setUser("alice", 7, 2);
    store.usage().addToFolder("shared", 100, 10);
    store.usage().setFolder("shared", 0, 0);
    assertThat(store.usage().user("alice")).isEqualTo(new UsageRepository.Usage(7, 2));
    assertThat(store.usage().folder("shared")).isEqualTo(new UsageRepository.Usage(0, 0));
    assertThat(store.folders().stats("shared").lastQuotaUpdate()).isNotNull();
  }

  @Test
  void lastLoginIsWrittenAtMostOncePerInterval() {
    store.users().insert(user("alice", UserFilters.NONE, List.of(), List.of()));
    assertThat(store.users().touchLogin("alice", T0, T0.minusSeconds(600))).isTrue();
    assertThat(store.users().touchLogin("alice", T0.plusSeconds(60), T0.minusSeconds(540))).isFalse();
    assertThat(store.users().touchLogin("alice", T0.plusSeconds(601), T0.plusSeconds(1))).isTrue();
    assertThat(store.users().find("alice").orElseThrow().lastLogin()).isEqualTo(T0.plusSeconds(601));
  }

  private static User user(String name, UserFilters filters, List<GroupMapping> groups, List<FolderMapping> folders) {
    return new User(0, name, 1, name + "@example.com", "d", T0.plusSeconds(3600), "$argon2id$x",
        List.of("ssh-ed25519 AAAA k"), "/home/" + name,
        Map.of("/", Set.of(Permission.ALL), "/in", Set.of(Permission.LIST, Permission.UPLOAD)), 1000, 10, 1, 2, 3,
        filters, Map.of("provider", 1, "s3config", Map.of("bucket", "b", "access_secret",
            Map.of("status", "AES-256-GCM", "payload", "c2VhbGVk"))), groups, folders, "info", null, null, T0, T0, T0);
  }

  private static Group group(String name, List<FolderMapping> folders) {
    return new Group(0, name, "d", new GroupUserSettings("/home/%username%", 1, 2, 3,
        Map.of("/", Set.of(Permission.LIST, Permission.DOWNLOAD)), 4, 5, 6, UserFilters.NONE, Map.of("provider", 0)),
        folders, T0, T0);
  }

  private static Job job(String id) {
    return new Job(id, "s1", "Script", null, "Log.Info('x')", Map.of("k", "v"), JobTrigger.API, JobStatus.QUEUED,
        null, null, "owner", null, T0, null, null);
  }
}
