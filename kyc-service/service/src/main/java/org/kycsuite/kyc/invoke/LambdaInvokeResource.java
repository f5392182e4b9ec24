package org.kycsuite.kyc.invoke;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.profile.UnlessBuildProfile;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.kycsuite.events.EventContracts;
import org.kycsuite.kyc.handler.IdentityCheckHandler;
import org.kycsuite.kyc.handler.RiskAssessmentHandler;

/**
 * Lambda's Invoke API for the local run: the local cloud's Step Functions engine calls the KYC
 * functions here, and the same handler classes answer as on AWS Lambda. Responses follow Lambda: a
 * function error is HTTP 200 with {@code X-Amz-Function-Error: Unhandled} and an error payload; an
 * unknown function is 404 {@code ResourceNotFoundException}. Not built into the production package:
 * there the functions run on Lambda.
 */
@Path("/2015-03-31/functions/{name}/invocations")
@PermitAll
@UnlessBuildProfile("prod")
public class LambdaInvokeResource {

    static final String FUNCTION_ERROR = "X-Amz-Function-Error";
    private static final Logger LOG = Logger.getLogger(LambdaInvokeResource.class);

    private final Map<String, RequestHandler<JsonNode, JsonNode>> functions;

    @Inject
    public LambdaInvokeResource(IdentityCheckHandler identityCheck, RiskAssessmentHandler riskAssessment) {
        this.functions = Map.of(IdentityCheckHandler.NAME, identityCheck, RiskAssessmentHandler.NAME, riskAssessment);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invoke identity-check or risk-assessment as Lambda would (local run only)")
    public Response invoke(@PathParam("name") String name,
            @HeaderParam("X-Amz-Invocation-Type") String invocationType, String body) {
        RequestHandler<JsonNode, JsonNode> function = functions.get(name);
        if (function == null) {
            return Response.status(Response.Status.NOT_FOUND).header("x-amzn-ErrorType", "ResourceNotFoundException")
                    .entity(Map.of("Type", "User", "Message", "Function not found: " + name)).build();
        }
        String result;
        try {
            JsonNode payload = EventContracts.mapper().readTree(body == null || body.isBlank() ? "{}" : body);
            result = EventContracts.mapper().writeValueAsString(function.handleRequest(payload, null));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warnf("Function %s failed: %s", name, e.getClass().getSimpleName());
            return Response.ok(Map.of("errorMessage", String.valueOf(e.getMessage()),
                    "errorType", e.getClass().getSimpleName())).header(FUNCTION_ERROR, "Unhandled").build();
        }
        if ("Event".equals(invocationType)) {
            return Response.accepted().build();
        }
        return Response.ok(result).build();
    }
}
