package org.kycsuite.customerservice.cases;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The agents' case API. */
@Path("/cases")
@RolesAllowed(Roles.CS_AGENT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cases", description = "Per-application timelines for customer-service agents")
public class CaseResource {

    private final CaseService cases;

    CaseResource(CaseService cases) {
        this.cases = cases;
    }

    @GET
    @Operation(summary = "Search cases by name (accent- and case-insensitive, partial), e-mail or application id, "
            + "status and submission date range")
    @APIResponse(responseCode = "200", description = "A page of cases, newest activity first")
    @APIResponse(responseCode = "400", description = "An invalid parameter (problem+json)")
    public Response search(
            @Parameter(description = "Part of the applicant's name, e-mail, or the start of the application id")
            @QueryParam("q") String q,
            @Parameter(description = "SUBMITTED, IDENTITY_CHECKED, IN_REVIEW, APPROVED, REJECTED or OPENED")
            @QueryParam("status") String status,
            @Parameter(description = "Submitted on or after: 2026-11-20 or 2026-11-20T09:00:00Z")
            @QueryParam("from") String from,
            @Parameter(description = "Submitted on or before (a date: that whole day), or before (an instant)")
            @QueryParam("to") String to,
            @Parameter(description = "Page number from 0") @QueryParam("page") Integer page,
            @Parameter(description = "Page size, 1 to 100, default 20") @QueryParam("size") Integer size) {
        CaseQuery query;
        try {
            query = CaseQuery.parse(q, status, from, to, page, size);
        } catch (IllegalArgumentException e) {
            return Problem.response(Response.Status.BAD_REQUEST, e.getMessage(), "/cases");
        }
        return Response.ok(cases.search(query)).build();
    }

    @GET
    @Path("/{applicationId}")
    @Operation(summary = "A case: masked applicant, status, timeline and the explanation of the outcome")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "404", description = "No event about this application has arrived (problem+json)")
    public Response get(@PathParam("applicationId") String applicationId) {
        return cases.view(applicationId)
                .map(view -> Response.ok(view).build())
                .orElseGet(() -> Problem.response(Response.Status.NOT_FOUND,
                        "No case for application " + applicationId, "/cases/" + applicationId));
    }
}
