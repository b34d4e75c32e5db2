package io.optimizarr.encoder.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.optimizarr.encoder.media.PathProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
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

  // Ahead of Quarkus's own mappers, which answer without naming the field in our format. The
  // most specific exception type wins, so each type Quarkus maps is named here.
  @ServerExceptionMapper(priority = Priorities.USER - 100)
  public Response unknownField(UnrecognizedPropertyException e) {
    return invalidJson(field(e), "unknown field " + e.getPropertyName());
  }

  @ServerExceptionMapper(
      value = {MismatchedInputException.class, JsonMappingException.class},
      priority = Priorities.USER - 100)
  public Response mistypedJson(JsonMappingException e) {
    return mistyped(e);
  }

  @ServerExceptionMapper(
      value = {JsonParseException.class, JsonProcessingException.class},
      priority = Priorities.USER - 100)
  public Response unreadableJson(JsonProcessingException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper(priority = Priorities.USER - 100)
  public Response refusedByJaxRs(WebApplicationException e, HttpServerRequest request) {
    // Quarkus's JSON reader wraps some of Jackson's refusals (a number out of range) in a 400.
    if (e.getCause() instanceof JsonMappingException mapping) {
      return mistyped(mapping);
    }
    if (e.getCause() instanceof JsonProcessingException processing) {
      return unreadable(processing);
    }
    int status = e.getResponse().getStatus();
    String where = request.method() + " " + request.path();
    String detail =
        switch (status) {
          case 404 -> "nothing at " + where;
          case 405 -> request.method() + " is not allowed on " + request.path();
          case 415 -> "the body must be application/json";
          case 406 -> "this resource answers in JSON only";
          default -> Response.Status.fromStatusCode(status) + " at " + where;
        };
    var reason = Response.Status.fromStatusCode(status);
    return Response.status(status)
        .type(PROBLEM_JSON)
        .entity(
            new Problem(
                reason == null ? "Error" : reason.getReasonPhrase(), status, detail, null, null))
        .build();
  }

  private static Response mistyped(JsonMappingException e) {
    String field = field(e);
    if (field == null) {
      return invalidJson(null, "the body must be a JSON object with the documented fields");
    }
    return invalidJson(
        field,
        e.getCause() instanceof InputCoercionException
            ? field + " is out of range"
            : field + " has the wrong type");
  }

  /** Not JSON, or a number too big for its field (the parser knows which field it was in). */
  private static Response unreadable(JsonProcessingException e) {
    String field = null;
    if (e instanceof StreamReadException read && read.getProcessor() != null) {
      field = read.getProcessor().getParsingContext().getCurrentName();
    }
    if (e instanceof InputCoercionException && field != null) {
      return invalidJson(field, field + " is out of range");
    }
    return invalidJson(field, "the body is not valid JSON: " + e.getOriginalMessage());
  }

  /** The innermost named field of the path, such as {@code priority}. */
  private static String field(JsonMappingException e) {
    var path = e.getPath();
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i).getFieldName() != null) {
        return path.get(i).getFieldName();
      }
    }
    return null;
  }

  private static Response invalidJson(String field, String detail) {
    return respond(
        Response.Status.BAD_REQUEST,
        new Problem(
            "Bad Request", 400, detail, field, field == null ? null : Map.of(field, detail)));
  }

  private static Response respond(Response.Status status, Problem problem) {
    return Response.status(status).type(PROBLEM_JSON).entity(problem).build();
  }
}
