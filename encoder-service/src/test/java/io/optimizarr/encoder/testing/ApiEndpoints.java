package io.optimizarr.encoder.testing;

import java.util.List;

/** Every endpoint of the API with an id of 1 in its path, and whether only admins may call it. */
public final class ApiEndpoints {

  private ApiEndpoints() {}

  public record Endpoint(String method, String path, boolean adminOnly) {}

  public static final List<Endpoint> ALL =
      List.of(
          new Endpoint("GET", "/api/me", false),
          new Endpoint("PUT", "/api/me/password", false),
          new Endpoint("GET", "/api/users", true),
          new Endpoint("GET", "/api/keys", true),
          new Endpoint("POST", "/api/keys", true),
          new Endpoint("DELETE", "/api/keys/1", true),
          new Endpoint("POST", "/api/users", true),
          new Endpoint("PUT", "/api/users/1/password", true),
          new Endpoint("DELETE", "/api/users/1", true),
          new Endpoint("GET", "/api/profiles", false),
          new Endpoint("GET", "/api/profiles/1", false),
          new Endpoint("POST", "/api/profiles", true),
          new Endpoint("PUT", "/api/profiles/1", true),
          new Endpoint("DELETE", "/api/profiles/1", true),
          new Endpoint("GET", "/api/jobs", false),
          new Endpoint("GET", "/api/jobs/1", false),
          new Endpoint("GET", "/api/jobs/1/events", false),
          new Endpoint("POST", "/api/jobs", true),
          new Endpoint("POST", "/api/jobs/1/pause", true),
          new Endpoint("POST", "/api/jobs/1/resume", true),
          new Endpoint("POST", "/api/jobs/1/cancel", true),
          new Endpoint("POST", "/api/jobs/1/restore", true),
          new Endpoint("DELETE", "/api/jobs/1", true),
          new Endpoint("GET", "/api/settings/resources", false),
          new Endpoint("GET", "/api/settings/resources/presets", false),
          new Endpoint("POST", "/api/settings/resources", true),
          new Endpoint("PUT", "/api/settings/resources", true),
          new Endpoint("GET", "/api/settings/schedule", false),
          new Endpoint("PUT", "/api/settings/schedule", true),
          new Endpoint("POST", "/api/settings/schedule/run-now", true),
          new Endpoint("DELETE", "/api/settings/schedule/run-now", true),
          new Endpoint("GET", "/api/webhooks", true),
          new Endpoint("GET", "/api/webhooks/1", true),
          new Endpoint("POST", "/api/webhooks", true),
          new Endpoint("PUT", "/api/webhooks/1", true),
          new Endpoint("DELETE", "/api/webhooks/1", true),
          new Endpoint("POST", "/api/webhooks/1/test", true),
          new Endpoint("GET", "/api/webhooks/1/deliveries", true),
          new Endpoint("GET", "/api/webhooks/1/folders", true),
          new Endpoint("PUT", "/api/webhooks/1/folders", true),
          new Endpoint("GET", "/api/library", false),
          new Endpoint("GET", "/api/library/1", false),
          new Endpoint("POST", "/api/library", true),
          new Endpoint("PUT", "/api/library/1", true),
          new Endpoint("POST", "/api/library/1/scan", true),
          new Endpoint("GET", "/api/integrations/arr", true),
          new Endpoint("POST", "/api/integrations/arr", true),
          new Endpoint("DELETE", "/api/library/1", true),
          new Endpoint("GET", "/api/resources/current", false),
          new Endpoint("GET", "/api/resources/thresholds", false),
          new Endpoint("GET", "/api/resources/history", false),
          new Endpoint("GET", "/api/stats", false),
          new Endpoint("GET", "/api/nodes", false),
          new Endpoint("GET", "/api/stats/days", false),
          new Endpoint("POST", "/api/logout", false),
          new Endpoint("GET", "/api/no-such-endpoint", false));
}
