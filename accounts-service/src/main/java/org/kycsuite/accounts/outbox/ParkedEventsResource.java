package org.kycsuite.accounts.outbox;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.kycsuite.accounts.application.Roles;
import org.kycsuite.accounts.problem.FieldError;
import org.kycsuite.accounts.problem.Problem;
import org.kycsuite.accounts.problem.ProblemException;

/** Staff's view of the events the bus kept refusing, and the way to put one back in line. */
@Path("/outbox/parked")
@RolesAllowed(Roles.BANK_STAFF)
@Produces(MediaType.APPLICATION_JSON)
public class ParkedEventsResource {

    private static final Logger LOG = Logger.getLogger(ParkedEventsResource.class);
    private static final int LIMIT = 100;

    private final OutboxStore store;
    private final OutboxRelay relay;

    public ParkedEventsResource(OutboxStore store, OutboxRelay relay) {
        this.store = store;
        this.relay = relay;
    }

    @GET
    @Operation(summary = "Outbox events parked after max-attempts refusals by the bus, oldest first (at most 100)")
    public List<ParkedEvent> list() {
        return store.parked(LIMIT).stream().map(ParkedEvent::of).toList();
    }

    /** Why staff retry a parked event (kept in the log). */
    public record RetryRequest(String reason) {
    }

    /**
     * JSON only, with a reason: a cross-site form (which a browser sends with the staff's credentials)
     * cannot post JSON without asking first, so it gets 415.
     */
    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Puts a parked event back in line with a fresh count of attempts; body {\"reason\"}; "
            + "404 if not parked")
    public void retry(@PathParam("id") long id, RetryRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new ProblemException(Problem.invalid("Invalid request", "reason is required",
                    List.of(new FieldError("reason", "must not be blank"))));
        }
        if (!store.retry(id)) {
            throw new ProblemException(Problem.of(404, "No such parked event",
                    "Outbox entry " + id + " is not parked"));
        }
        LOG.infof("Parked outbox entry %d put back in line by staff: %s", id, request.reason().strip());
        relay.wake();
    }
}
