package ferry.httpd;

import ferry.core.admin.AdminService;
import ferry.core.agent.AgentService;
import ferry.core.account.GroupService;
import ferry.core.account.UserProfiles;
import ferry.core.account.UserService;
import ferry.core.auth.ApiKeyService;
import ferry.core.auth.Defender;
import ferry.core.auth.FileApiKeyService;
import ferry.core.auth.PasswordChecks;
import ferry.core.auth.token.TokenService;
import ferry.core.customer.CustomerService;
import ferry.core.folder.FolderService;
import ferry.core.job.JobService;
import ferry.core.job.ScriptService;
import ferry.core.quota.QuotaService;
import ferry.core.session.Connections;
import ferry.core.session.FileSessions;
import ferry.core.secret.SecretService;
import ferry.core.settings.SettingsService;
import ferry.core.status.ServicesStatus;
import ferry.core.share.ShareService;
import ferry.core.transfer.TrackedTransferService;
import ferry.core.transfer.TransferService;
import java.util.function.Supplier;

/** The core services the HTTP faces call. */
public record HttpServices(
    ApiKeyService apiKeys,
    AdminService admins,
    SecretService secrets,
    ScriptService scripts,
    JobService jobs,
    SettingsService settings,
    FolderService folders,
    UserService users,
    GroupService groups,
    Connections connections,
    TransferService transfers,
    Defender defender,
    PasswordChecks passwordChecks,
    String node,
    String version,
    TokenService tokens,
    FileApiKeyService fileApiKeys,
    FileSessions fileSessions,
    QuotaService quotas,
    UserProfiles profiles,
    Supplier<ServicesStatus> status,
    ShareService shares,
    CustomerService customers,
    AgentService agents,
    TrackedTransferService trackedTransfers,
    ferry.core.agent.certificate.AgentCertificateService agentCertificates,
    ferry.core.schedule.ScheduleService schedules,
    ferry.pipeline.PipelineService pipelines) {}
