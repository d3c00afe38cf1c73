package ferry.httpd.orchestration.transfers;

import static java.util.Objects.requireNonNull;

import ferry.core.agent.Agent;
import ferry.core.agent.AgentService;
import ferry.core.error.NotFoundException;
import ferry.core.transfer.NewTransfer;
import ferry.core.transfer.TrackedFilter;
import ferry.core.transfer.TrackedTransferService;
import ferry.core.transfer.TransferPatch;
import ferry.core.transfer.TransferStatus;
import ferry.httpd.common.Query;
import ferry.httpd.orchestration.ApiBody;
import ferry.httpd.orchestration.ApiCaller;
import ferry.httpd.orchestration.Envelope;
import ferry.httpd.orchestration.Paging;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Set;

/**
 * Tracked transfers (contract 13, "Transfers"): agents create and update their own ({@code POST
 * /api/transfers}, {@code PATCH /api/transfers/{id}}); admins and customers list and read them,
 * the server's own transfers included, and those of one agent ({@code GET
 * /api/agents/{id}/transfers}) when they may see the agent. The rules are the core's ({@link
 * ferry.core.transfer.TrackedTransfer}); this class decodes and renders.
 */
public final class TransferRoutes {
  static final Set<String> CREATE_FIELDS =
      Set.of("id", "sourceUrl", "destinationPath", "direction", "protocol", "size", "jobId", "runId");
  static final Set<String> PATCH_FIELDS = Set.of("status", "progress", "bytesTransferred", "speed", "sha256", "error");

  private final TrackedTransferService transfers;
  private final AgentService agents;

  public TransferRoutes(TrackedTransferService transfers, AgentService agents) {
    this.transfers = requireNonNull(transfers, "No tracked transfer service");
    this.agents = requireNonNull(agents, "No agent service");
  }

  public void register(RoutesConfig r) {
    r.post("/api/transfers", this::create);
    r.patch("/api/transfers/{id}", this::update);
    r.get("/api/transfers", this::list);
    r.get("/api/transfers/{id}", this::get);
    r.get("/api/agents/{id}/transfers", this::ofAgent);
  }

  private void create(Context ctx) {
    ApiCaller agent = ApiCaller.agent(ctx);
    ApiBody b = ApiBody.of(ctx, CREATE_FIELDS);
    NewTransfer request = new NewTransfer(b.string("id"), b.string("sourceUrl"), b.string("destinationPath"),
        b.string("direction"), b.string("protocol"), b.longValue("size"), b.string("jobId"), b.string("runId"));
    TrackedTransferService.Created c = transfers.create(agent.agentId(), agent.customer(), request);
    if (c.isNew()) Envelope.created(ctx, TransferJson.of(c.transfer()));
    else Envelope.ok(ctx, TransferJson.of(c.transfer()));
  }

  private void update(Context ctx) {
    ApiCaller agent = ApiCaller.agent(ctx);
    ApiBody b = ApiBody.of(ctx, PATCH_FIELDS);
    String status = b.string("status");
    Double speed = b.number("speed");
    TransferPatch patch = new TransferPatch(status == null ? null : TransferStatus.parse(status, "status"),
        b.longValue("progress"), b.longValue("bytesTransferred"), speed == null ? null : Math.round(speed),
        b.string("sha256"), b.string("error"));
    Envelope.ok(ctx, TransferJson.of(transfers.update(agent.agentId(), ctx.pathParam("id"), patch)));
  }

  private void list(Context ctx) {
    ApiCaller caller = ApiCaller.person(ctx);
    Envelope.page(ctx, transfers.list(new TrackedFilter(caller.tenant(), status(ctx), Query.string(ctx, "agentId")),
        Paging.of(ctx)), TransferJson::of);
  }

  private void get(Context ctx) {
    ApiCaller caller = ApiCaller.person(ctx);
    Envelope.ok(ctx, TransferJson.of(transfers.get(caller.tenant(), ctx.pathParam("id"))));
  }

  private void ofAgent(Context ctx) {
    ApiCaller caller = ApiCaller.person(ctx);
    String id = ctx.pathParam("id");
    Agent agent = agents.find(id).orElseThrow(() -> new NotFoundException("agent " + id + " does not exist"));
    caller.mustSee(agent.customer(), "agent " + id);
    Envelope.page(ctx, transfers.list(new TrackedFilter(null, status(ctx), agent.id()), Paging.of(ctx)),
        TransferJson::of);
  }

  /** The {@code status} query filter, or null. */
  static TransferStatus status(Context ctx) {
    String s = Query.string(ctx, "status");
    return s == null ? null : TransferStatus.parse(s, "status");
  }
}
