package org.kycsuite.accounts.application;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.kycsuite.accounts.problem.FieldError;
import org.kycsuite.accounts.problem.Problem;
import org.kycsuite.accounts.problem.ProblemException;

/** Bank staff submit applications and follow them. */
@Path("/applications")
@RolesAllowed(Roles.BANK_STAFF)
@Produces(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    /** Header telling the client that the response repeats the result of an earlier request. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final int MAX_PAGE_SIZE = 100;

    private final ApplicationSubmission submission;
    private final SecurityIdentity identity;

    public ApplicationResource(ApplicationSubmission submission, SecurityIdentity identity) {
        this.submission = submission;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit an application", description = "201 with Location; 400 problem+json listing "
            + "each invalid field; a repeated Idempotency-Key returns the first result (Idempotent-Replayed: "
            + "true), or 422 when the body differs.")
    public Response submit(ApplicationRequest request,
                           @Parameter(description = "Makes retries safe: same key and body, same result")
                           @HeaderParam("Idempotency-Key") String idempotencyKey,
                           @Context UriInfo uri) {
        String user = identity.getPrincipal().getName();
        ApplicationSubmission.Result result;
        try {
            result = submission.submit(request, user, idempotencyKey);
        } catch (PersistenceException e) {
            // A concurrent request with the same key committed first: answer with its result.
            result = Optional.ofNullable(idempotencyKey).flatMap(key -> submission.earlier(user, key, request))
                    .orElseThrow(() -> e);
        }
        Application application = result.application();
        Response.ResponseBuilder response = Response.created(uri.getAbsolutePathBuilder()
                .path(application.id.toString()).build()).entity(ApplicationView.of(application));
        if (result.replayed()) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "An application: status, reasons, account number once opened")
    public ApplicationView get(@PathParam("id") String id) {
        return parseId(id).flatMap(uuid -> Application.<Application>findByIdOptional(uuid))
                .map(ApplicationView::of)
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                        "No application " + id)));
    }

    @GET
    @Operation(summary = "Applications, newest first, optionally of one status; page counts from 0")
    public ApplicationPage list(@QueryParam("status") String status, @QueryParam("page") String page,
                                @QueryParam("size") String size) {
        List<FieldError> errors = new ArrayList<>();
        ApplicationStatus wanted = parseStatus(status, errors);
        int pageIndex = parseInt("page", page, 0, 0, Integer.MAX_VALUE, errors);
        int pageSize = parseInt("size", size, 20, 1, MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("Invalid query", "Invalid query parameters", errors));
        }
        Sort newestFirst = Sort.descending("submittedAt").and("id");
        var query = wanted == null ? Application.<Application>findAll(newestFirst)
                : Application.<Application>find("status", newestFirst, wanted);
        List<ApplicationView> items = query.page(Page.of(pageIndex, pageSize)).list().stream()
                .map(ApplicationView::of).toList();
        return new ApplicationPage(items, pageIndex, pageSize, query.count());
    }

    private static Optional<UUID> parseId(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ApplicationStatus parseStatus(String status, List<FieldError> errors) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ApplicationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("status", "must be one of " + Arrays.toString(ApplicationStatus.values())));
            return null;
        }
    }

    private static int parseInt(String name, String value, int fallback, int min, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(name, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
