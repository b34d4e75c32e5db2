package io.optimizarr.encoder.api;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** A request the API refuses: its status, the message and the fields to blame. */
public class ApiException extends RuntimeException {

  private final Response.Status status;
  private final Map<String, String> errors;

  public ApiException(Response.Status status, String detail, Map<String, String> errors) {
    super(detail);
    this.status = status;
    this.errors = Map.copyOf(errors);
  }

  public static ApiException invalid(Map<String, String> errors) {
    String detail =
        errors.size() == 1 ? errors.values().iterator().next() : String.join("; ", errors.values());
    return new ApiException(Response.Status.BAD_REQUEST, detail, errors);
  }

  public static ApiException invalid(String field, String detail) {
    return new ApiException(Response.Status.BAD_REQUEST, detail, Map.of(field, detail));
  }

  public static ApiException notFound(String what, Object id) {
    return new ApiException(Response.Status.NOT_FOUND, "no " + what + " with id " + id, Map.of());
  }

  public static ApiException conflict(String field, String detail) {
    return new ApiException(
        Response.Status.CONFLICT, detail, field == null ? Map.of() : Map.of(field, detail));
  }

  public Problem toProblem() {
    String field = errors.isEmpty() ? null : errors.keySet().iterator().next();
    return new Problem(
        status.getReasonPhrase(),
        status.getStatusCode(),
        getMessage(),
        field,
        errors.isEmpty() ? null : errors);
  }

  public Response.Status status() {
    return status;
  }
}
