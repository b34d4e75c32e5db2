package io.optimizarr.encoder.job;

import io.optimizarr.encoder.queue.NodeCapabilities;
import io.optimizarr.encoder.user.Role;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The encoder nodes the queue knows, whether each is live, and what each can encode: every encoder
 * a profile may name, on its device, working or not and why (its probe's words).
 */
@Path("/api/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {

  private final NodeCapabilities capabilities;

  NodesResource(NodeCapabilities capabilities) {
    this.capabilities = capabilities;
  }

  @GET
  @RolesAllowed({Role.ADMIN, Role.VIEWER})
  public Uni<List<NodeCapabilities.NodeView>> nodes() {
    return capabilities.nodes();
  }
}
