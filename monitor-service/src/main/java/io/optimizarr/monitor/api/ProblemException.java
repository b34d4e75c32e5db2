package io.optimizarr.monitor.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request the API refuses, with the status and the parameter to blame. */
public final class ProblemException extends RuntimeException {

  static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

  private final Response.Status status;
  private final String field;

  private ProblemException(Response.Status status, String field, String detail) {
    super(detail);
    this.status = status;
    this.field = field;
  }

  public static ProblemException badRequest(String field, String detail) {
    return new ProblemException(Response.Status.BAD_REQUEST, field, detail);
  }

  public static ProblemException notFound(String field, String detail) {
    return new ProblemException(Response.Status.NOT_FOUND, field, detail);
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(Response.Status.SERVICE_UNAVAILABLE, null, detail);
  }

  Problem toProblem() {
    return new Problem(status.getReasonPhrase(), status.getStatusCode(), getMessage(), field);
  }

  /** Maps itself to its problem document. */
  static final class Mapper {
    @ServerExceptionMapper
    Response toResponse(ProblemException problem) {
      return Response.status(problem.status).type(PROBLEM_JSON).entity(problem.toProblem()).build();
    }
  }
}
