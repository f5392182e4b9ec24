package org.kycsuite.localcloud.sfn.asl;

/** An ASL error: a name Retry/Catch match ({@code States.Timeout}, {@code Lambda.ServiceException}, ...), a cause. */
public class StatesError extends Exception {

    public static final String ALL = "States.ALL";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String TIMEOUT = "States.Timeout";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String RUNTIME = "States.Runtime";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String EXCEEDED_TOLERATED_FAILURE = "States.ExceedToleratedFailureThreshold";
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";

    private final String error;
    private final String errorCause;

    public StatesError(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.errorCause = cause;
    }

    public String error() {
        return error;
    }

    public String cause() {
        return errorCause;
    }

    public static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }
}
