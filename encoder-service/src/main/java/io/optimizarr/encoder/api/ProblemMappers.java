package io.optimizarr.encoder.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.optimizarr.encoder.media.PathProblem;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refusals into {@code application/problem+json}; nothing else leaks class names. */
public class ProblemMappers {

  public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

  @ServerExceptionMapper
  public Response api(ApiException e) {
    return respond(e.status(), e.toProblem());
  }

  @ServerExceptionMapper
  public Response path(PathProblem e) {
    var status = e.conflict() ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST;
    return respond(
        status,
        new ApiException(status, e.getMessage(), Map.of(e.field(), e.getMessage())).toProblem());
  }

  // Ahead of Quarkus's own mapper, which answers without naming the field in our format.
  @ServerExceptionMapper(priority = Priorities.USER - 100)
  public Response mistypedJson(MismatchedInputException e) {
    String field =
        e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
    return unreadable(e, field);
  }

  @ServerExceptionMapper(priority = Priorities.USER - 100)
  public Response unreadableJson(JsonProcessingException e) {
    return unreadable(e, null);
  }

  private static Response unreadable(JsonProcessingException e, String field) {
    String detail =
        field == null
            ? "the body is not valid JSON: " + e.getOriginalMessage()
            : field + " has the wrong type";
    return respond(
        Response.Status.BAD_REQUEST,
        new Problem(
            "Bad Request", 400, detail, field, field == null ? null : Map.of(field, detail)));
  }

  private static Response respond(Response.Status status, Problem problem) {
    return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
  }
}
