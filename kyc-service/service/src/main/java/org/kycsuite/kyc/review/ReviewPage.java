package org.kycsuite.kyc.review;

import io.quarkus.panache.common.Sort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.UUID;
import org.kycsuite.kyc.problem.ProblemException;

/** The server-rendered review queue: pending reviews with approve/reject forms. */
@Path("/")
@RolesAllowed(ReviewResource.ROLE)
public class ReviewPage {

    @Inject
    ReviewDecisions decisions;

    @Inject
    SecurityIdentity identity;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<ReviewView> reviews, String officer, String message);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index(@QueryParam("message") String message) {
        List<ReviewView> pending = Review.<Review>find("status", Sort.by("requestedAt"), Review.Status.PENDING)
                .list().stream().map(ReviewView::of).toList();
        return Templates.index(pending, identity.getPrincipal().getName(), message);
    }

    @POST
    @Path("/ui/reviews/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("id") UUID id, @FormParam("decision") String decision,
            @FormParam("note") String note) {
        String message;
        try {
            Review review = decisions.decide(id, ReviewResource.parseDecision(decision), note,
                    identity.getPrincipal().getName());
            if (review.status == Review.Status.EXPIRED) {
                message = "Review of " + review.applicantName + " had expired; the workflow no longer waits for it.";
            } else if (review.delivery == Review.Delivery.PENDING) {
                message = review.applicantName + ": " + review.status + " recorded; the workflow could not be "
                        + "reached and gets it as soon as it can.";
            } else {
                message = review.applicantName + ": " + review.status;
            }
        } catch (ProblemException e) {
            message = e.problem().title() + ": " + e.problem().detail();
        }
        return Response.seeOther(UriBuilder.fromPath("/").queryParam("message", message).build()).build();
    }
}
