package io.optimizarr.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two nodes claiming from one queue at once, each on its own connections, never share a job. */
@QuarkusTest
class ClaimTest {

  static final int JOBS = 200;

  @Inject JobQueue store;

  @BeforeAll
  static void queue() {
    TestDatabase.clean();
    // The application's own supervisor stays out of this queue.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
    TestDatabase.execute(
        "INSERT INTO encoding_job (input_path, output_path, profile_id, status, priority)"
            + " SELECT '/in/' || n, '/out/' || n, 1, 'QUEUED', n % 7 FROM generate_series(1, "
            + JOBS
            + ") n");
  }

  @AfterAll
  static void restore() {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
    TestDatabase.clean();
  }

  private Callable<List<Long>> claimer(String node) {
    return () -> {
      var claimed = new ArrayList<Long>();
      while (true) {
        Optional<Claim> next = store.claimNext(node).await().atMost(Duration.ofSeconds(30));
        if (next.isEmpty()) {
          return claimed;
        }
        claimed.add(next.get().jobId());
      }
    };
  }

  @Test
  void shouldNeverGiveOneJobToTwoNodes() throws Exception {
    var pool = Executors.newFixedThreadPool(2);
    var first = pool.submit(claimer("node-a"));
    var second = pool.submit(claimer("node-b"));
    List<Long> a = first.get();
    List<Long> b = second.get();
    pool.shutdown();

    assertThat(a).doesNotHaveDuplicates().doesNotContainAnyElementsOf(b);
    assertThat(b).doesNotHaveDuplicates();
    assertThat(a.size() + b.size()).isEqualTo(JOBS);
    assertThat(a).as("both nodes got work").isNotEmpty();
    assertThat(b).as("both nodes got work").isNotEmpty();
    assertThat(
            TestDatabase.count(
                "select count(*) from encoding_job where status = 'PROCESSING' and node = 'node-a'"))
        .isEqualTo(a.size());
    assertThat(TestDatabase.count("select count(*) from job_event where type = 'CLAIMED'"))
        .isEqualTo(JOBS);
  }
}
