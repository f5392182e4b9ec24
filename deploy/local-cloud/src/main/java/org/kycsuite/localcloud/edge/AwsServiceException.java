package org.kycsuite.localcloud.edge;

/** An error in AWS's shape: the HTTP status and the {@code __type} the SDK maps to its exception. */
public class AwsServiceException extends RuntimeException {

    private final int status;
    private final String errorCode;

    public AwsServiceException(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public static AwsServiceException validation(String message) {
        return new AwsServiceException(400, "ValidationException", message);
    }

    public static AwsServiceException notFound(String message) {
        return new AwsServiceException(400, "ResourceNotFoundException", message);
    }

    public static AwsServiceException unknownOperation(String operation) {
        return new AwsServiceException(400, "UnknownOperationException", "Unknown operation " + operation);
    }
}
