package org.kycsuite.localcloud.edge;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS service spoken over the AWS JSON protocol on the edge port.
 *
 * <p>The edge routes a request to the service whose {@link #targetPrefix()} is the part of the
 * {@code X-Amz-Target} header before the dot ({@code AWSEvents.PutEvents} → {@code AWSEvents}).
 * Implementations throw {@link AwsServiceException} for every error a real service returns, so the
 * AWS SDK raises its own exception types.
 */
public interface AwsJsonService {

    /** The {@code X-Amz-Target} prefix, e.g. {@code AWSEvents} or {@code AWSStepFunctions}. */
    String targetPrefix();

    /** The protocol's content type, {@code application/x-amz-json-1.1} or {@code -1.0}. */
    String contentType();

    /**
     * Handles one operation.
     *
     * @param operation the part of {@code X-Amz-Target} after the dot, e.g. {@code PutEvents}
     * @param request the request body (an empty object when the body was empty)
     * @return the response body
     */
    JsonNode handle(String operation, JsonNode request);
}
