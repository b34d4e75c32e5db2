package io.optimizarr.encoder.integration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.api.ApiException;
import io.optimizarr.encoder.library.LibraryFolder;
import io.optimizarr.encoder.library.LibraryScanner;
import io.optimizarr.encoder.library.LibraryStore;
import io.optimizarr.encoder.user.Role;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sonarr's and Radarr's webhooks in ({@code Settings → Connect → Webhook}, method POST, the URL
 * {@code …/api/integrations/arr?apikey=KEY} or the key in {@code X-Api-Key}; an admin's key). A
 * {@code Download} event (import or upgrade) queues each imported file with the profile and output
 * mode of the library folder that holds it, after the node's path mappings, exactly as that
 * folder's scan would; their test button is answered 200; their other events queue nothing. A
 * payload that is not theirs, an unknown event, a path under no mapping or in no library folder
 * gets 400 naming it, and then nothing is queued.
 */
@Path("/api/integrations/arr")
@RolesAllowed(Role.ADMIN)
public class ArrResource {

  /** What became of one announced file. */
  public record FileAnswer(String path, String localPath, boolean queued, String reason) {}

  /** The answer: the event read and each file's fate; {@code note} for events that queue none. */
  public record Answer(String eventType, String source, List<FileAnswer> files, String note) {}

  /** How Sonarr and Radarr reach this node, for the integrations page. */
  public record Setup(String path, List<PathMappings.Mapping> pathMappings) {}

  /** Their payloads carry many fields this does not read: read leniently, not as strict JSON. */
  private static final ObjectMapper LENIENT = new ObjectMapper();

  private final ConfiguredPathMappings mappings;
  private final LibraryStore library;
  private final LibraryScanner scanner;

  ArrResource(ConfiguredPathMappings mappings, LibraryStore library, LibraryScanner scanner) {
    this.mappings = mappings;
    this.library = library;
    this.scanner = scanner;
  }

  /** Where their webhooks post, and the path mappings in effect (empty: paths as they are). */
  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Setup setup() {
    return new Setup("/api/integrations/arr", mappings.get().mappings());
  }

  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response receive(String body) {
    ArrEvent event;
    try {
      JsonNode payload = LENIENT.readTree(body == null ? "" : body);
      event = ArrEvent.read(payload);
    } catch (JsonProcessingException e) {
      throw bad(null, "the body is not JSON: " + e.getOriginalMessage());
    } catch (ArrEvent.Malformed e) {
      throw bad(e.field(), e.getMessage());
    }
    return Response.ok(answer(event)).build();
  }

  private Answer answer(ArrEvent event) {
    if (event instanceof ArrEvent.Imported imported) {
      return queue(imported);
    }
    if (event instanceof ArrEvent.Ignored ignored) {
      return new Answer(
          ignored.eventType(),
          source(ignored.source()),
          List.of(),
          ignored.eventType() + " events queue nothing");
    }
    var test = (ArrEvent.Test) event;
    return new Answer("Test", source(test.source()), List.of(), "test received; nothing queued");
  }

  /** Every file mapped and placed in a folder first: one that cannot be fails the whole event. */
  private Answer queue(ArrEvent.Imported imported) {
    var placed = new LinkedHashMap<String, Map.Entry<String, LibraryFolder>>();
    for (String path : imported.paths()) {
      String local =
          mappings
              .get()
              .map(path)
              .orElseThrow(
                  () ->
                      bad(
                          "path",
                          path
                              + " is under no path mapping ("
                              + mappings.get().mappings().stream()
                                  .map(m -> m.from() + "=" + m.to())
                                  .collect(Collectors.joining(", "))
                              + ")"));
      LibraryFolder folder =
          library
              .holding(local)
              .await()
              .atMost(Await.DATABASE)
              .orElseThrow(
                  () ->
                      bad(
                          "path",
                          local.equals(path)
                              ? path + " is in no library folder"
                              : path + " (here " + local + ") is in no library folder"));
      placed.put(path, Map.entry(local, folder));
    }
    var files = new ArrayList<FileAnswer>();
    placed.forEach(
        (path, where) -> {
          var outcome = scanner.queueOne(where.getValue(), java.nio.file.Path.of(where.getKey()));
          files.add(new FileAnswer(path, where.getKey(), outcome.queued(), outcome.reason()));
        });
    return new Answer(
        imported.upgrade() ? "Download (upgrade)" : "Download",
        source(imported.source()),
        files,
        null);
  }

  private static String source(ArrEvent.Source source) {
    return source.name().toLowerCase(Locale.ROOT);
  }

  private static ApiException bad(String field, String detail) {
    return field == null
        ? new ApiException(Response.Status.BAD_REQUEST, detail, Map.of())
        : ApiException.invalid(field, detail);
  }
}
