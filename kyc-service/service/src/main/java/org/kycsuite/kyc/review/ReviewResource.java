package org.kycsuite.kyc.review;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.kycsuite.kyc.problem.Problem;
import org.kycsuite.kyc.problem.ProblemException;

/** The compliance review inbox API (role {@value #ROLE}). */
@Path("/reviews")
@RolesAllowed(ReviewResource.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    public static final String ROLE = "compliance-officer";
    private static final int MAX_SIZE = 100;

    @Inject
    ReviewDecisions decisions;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(summary = "List reviews, oldest request first; status PENDING|APPROVED|REJECTED|EXPIRED")
    public ReviewPageResult list(@QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw invalid("page", "page must be >= 0 and size between 1 and " + MAX_SIZE);
        }
        Sort sort = Sort.by("requestedAt").and("id");
        PanacheQuery<Review> query = status == null || status.isBlank() ? Review.findAll(sort)
                : Review.find("status", sort, parseStatus(status));
        List<ReviewView> items = query.page(Page.of(page, size)).list().stream().map(ReviewView::of).toList();
        return new ReviewPageResult(items, page, size, query.count());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One review with its factors, reasons and screening matches")
    public ReviewView get(@PathParam("id") UUID id) {
        Review review = Review.findById(id);
        if (review == null) {
            throw new ProblemException(404, "Review not found", "No review " + id);
        }
        return ReviewView.of(review);
    }

    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve or reject: 200 taken by the workflow, 202 recorded and sent again until Step "
            + "Functions takes it (delivery PENDING), 409 already decided, 410 expired")
    public Response decide(@PathParam("id") UUID id, DecisionRequest request) {
        Decision decision = parseDecision(request == null ? null : request.decision());
        Review review = decisions.decide(id, decision, request.note(), identity.getPrincipal().getName());
        if (review.status == Review.Status.EXPIRED) {
            throw new ProblemException(410, "Review expired",
                    "The workflow no longer waits for review " + id + " (its task timed out)");
        }
        return Response.status(review.delivery == Review.Delivery.PENDING ? 202 : 200)
                .entity(ReviewView.of(review)).build();
    }

    static Decision parseDecision(String decision) {
        try {
            return Decision.valueOf(decision == null ? "" : decision.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("decision", "must be APPROVE or REJECT");
        }
    }

    private static Review.Status parseStatus(String status) {
        try {
            return Review.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("status", "must be PENDING, APPROVED, REJECTED or EXPIRED");
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(new Problem("about:blank", "Invalid request", 400, field + " " + message,
                List.of(new Problem.FieldError(field, message))));
    }
}
