package dev.codeindexer.server.http;

/**
 * A request the API answers with an error: the HTTP status, a stable machine-readable code and a message that says
 * what is wrong and what to do. Rendered as {@code {"error": {"code": ..., "message": ...}}}.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }
}
