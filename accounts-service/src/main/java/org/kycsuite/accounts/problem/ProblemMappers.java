package org.kycsuite.accounts.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns request failures into problem+json; a body that is not the expected JSON names the field. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    /** Quarkus maps this subtype itself (plain JSON); a mapper for the exact type takes precedence. */
    @ServerExceptionMapper
    public Response wronglyTypedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String detail = "The request body is not valid JSON for this resource";
        List<FieldError> errors = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            errors = List.of(new FieldError(field, "has the wrong type"));
        }
        Response.Status status = Response.Status.BAD_REQUEST;
        return new Problem("about:blank", "Invalid request", status.getStatusCode(), detail, null, errors)
                .toResponse();
    }
}
