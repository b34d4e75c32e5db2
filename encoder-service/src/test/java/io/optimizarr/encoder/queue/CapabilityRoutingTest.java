package io.optimizarr.encoder.queue;

import static io.optimizarr.encoder.testing.Users.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.testing.Profiles;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jobs go to the nodes that can encode them: this node (which probed its real ffmpeg at start,
 * without a render node or an NVIDIA device) leaves a VAAPI job queued and the list says why, a
 * second node that probed VAAPI working claims it; a device that fails mid-job on a node stops that
 * node claiming such jobs.
 */
@QuarkusTest
class CapabilityRoutingTest {

  static final String OTHER = "vaapi-node";

  @Inject JobQueue queue;
  @Inject NodeCapabilities capabilities;
  @Inject NodeIdentity node;
  @Inject Event<JobFinished> finished;

  @BeforeEach
  void fresh() {
    TestDatabase.clean();
    // The application's own supervisor claims nothing here but what the test asks it to.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
  }

  @AfterEach
  void restore() {
    TestDatabase.execute("DELETE FROM node_capability WHERE node = '" + OTHER + "'");
    TestDatabase.execute("DELETE FROM node_lease WHERE node = '" + OTHER + "'");
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
    TestDatabase.clean();
  }

  private static int vaapiJob() {
    int profile =
        Profiles.named("HEVC on VAAPI").video("hevc_vaapi", 25, null).container("mkv").create();
    TestDatabase.execute(
        "INSERT INTO encoding_job (input_path, output_path, profile_id, status)"
            + " VALUES ('/in/film.mkv', '/out/film.mkv', "
            + profile
            + ", 'QUEUED')");
    return (int) TestDatabase.count("SELECT max(id) FROM encoding_job");
  }

  private static String waitingFor(int id) {
    return asAdmin()
        .get("/api/jobs?status=QUEUED")
        .then()
        .statusCode(200)
        .extract()
        .path("items.find { it.id == " + id + " }.waitingFor");
  }

  @Test
  void shouldLeaveAJobToTheNodeThatCanEncodeIt() {
    var mine = capabilities.of(node.name()).await().atMost(Duration.ofSeconds(10));
    assertThat(mine)
        .as("this node's probe, of its real ffmpeg")
        .contains(new Capability("libx264", "", true, "listed by ffmpeg"))
        .anyMatch(c -> c.encoder().equals("hevc_vaapi") && !c.ok());
    int job = vaapiJob();

    assertThat(queue.claimNext(node.name()).await().atMost(Duration.ofSeconds(10))).isEmpty();
    assertThat(waitingFor(job)).isEqualTo("no node can encode hevc_vaapi on /dev/dri/renderD128");

    TestDatabase.execute("INSERT INTO node_lease (node, lease_ms) VALUES ('" + OTHER + "', 60000)");
    capabilities
        .probed(
            OTHER,
            List.of(
                new Capability("hevc_vaapi", "/dev/dri/renderD128", true, "a test encode passed"),
                new Capability("libx264", "", true, "listed by ffmpeg")))
        .await()
        .atMost(Duration.ofSeconds(10));
    assertThat(waitingFor(job)).isNull();
    var nodes = asAdmin().get("/api/nodes").then().statusCode(200).extract().jsonPath();
    assertThat(nodes.getBoolean("find { it.node == '" + OTHER + "' }.live")).isTrue();
    assertThat(nodes.getList("find { it.node == '" + OTHER + "' }.capabilities.encoder"))
        .containsExactly("hevc_vaapi", "libx264");
    assertThat(
            nodes.getBoolean(
                "find { it.node == '"
                    + node.name()
                    + "' }.capabilities.find { it.encoder == 'hevc_vaapi' }.ok"))
        .isFalse();
    assertThat(queue.claimNext(node.name()).await().atMost(Duration.ofSeconds(10))).isEmpty();
    assertThat(queue.claimNext(OTHER).await().atMost(Duration.ofSeconds(10)))
        .hasValueSatisfying(c -> assertThat(c.jobId()).isEqualTo(job));
  }

  @Test
  void shouldStopClaimingWhereTheDeviceFailedMidJob() {
    TestDatabase.execute("INSERT INTO node_lease (node, lease_ms) VALUES ('" + OTHER + "', 60000)");
    capabilities
        .probed(
            OTHER,
            List.of(
                new Capability("hevc_vaapi", "/dev/dri/renderD128", true, "a test encode passed")))
        .await()
        .atMost(Duration.ofSeconds(10));
    // This node's own failure is what it observes; the other node's is recorded as it would be.
    capabilities
        .failed(
            OTHER, "hevc_vaapi", "/dev/dri/renderD128", "vaEndPicture failed: 1 (operation failed)")
        .await()
        .atMost(Duration.ofSeconds(10));
    int job = vaapiJob();
    assertThat(queue.claimNext(OTHER).await().atMost(Duration.ofSeconds(10))).isEmpty();
    assertThat(waitingFor(job)).isEqualTo("no node can encode hevc_vaapi on /dev/dri/renderD128");

    // This node: a failed VAAPI job with the driver's words marks its own capability failed.
    TestDatabase.execute(
        "UPDATE node_capability SET ok = TRUE WHERE node = '"
            + node.name()
            + "' AND encoder = 'hevc_vaapi'");
    finished.fire(
        new JobFinished(
            job,
            Path.of("/in/film.mkv"),
            Path.of("/out/film.mkv"),
            new Outcome.Failed(
                "ffmpeg failed",
                "[AVHWDeviceContext @ 0x1] Failed to initialise VAAPI connection: -1"),
            Duration.ofSeconds(3),
            "hevc_vaapi",
            "/dev/dri/renderD128"));
    assertThat(capabilities.of(node.name()).await().atMost(Duration.ofSeconds(10)))
        .filteredOn(
            c -> c.encoder().equals("hevc_vaapi") && c.device().equals("/dev/dri/renderD128"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.ok()).isFalse();
              assertThat(c.detail()).isEqualTo("Failed to initialise VAAPI connection: -1");
            });
  }
}
