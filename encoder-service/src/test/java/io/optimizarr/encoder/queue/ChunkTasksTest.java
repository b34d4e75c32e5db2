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
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The chunks of a shared segmented encode in the real database (issue 19): two nodes taking at
 * once, each on its own connections, never get one chunk both; a chunk held by a node whose lease
 * ran out is taken again, one held by a live node never is; nothing is handed out for a job paused
 * by hand or for an earlier claim of the job, and a take that lost its chunk cannot record it.
 */
@QuarkusTest
class ChunkTasksTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final long CLAIM = 77;

  @Inject JobChunks chunks;

  long job;

  @BeforeAll
  static void holdTheQueue() {
    TestDatabase.clean();
    // The application's own supervisor takes no job and no chunk here.
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
  }

  @AfterAll
  static void release() {
    TestDatabase.execute("DELETE FROM node_lease WHERE node LIKE 'chunk-node-%'");
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
    TestDatabase.clean();
  }

  @BeforeEach
  void runningJob() {
    TestDatabase.clean();
    TestDatabase.execute("DELETE FROM node_lease WHERE node LIKE 'chunk-node-%'");
    TestDatabase.execute(
        "INSERT INTO encoding_job (input_path, output_path, profile_id, status, node,"
            + " claim_token) VALUES ('/in/film.mkv', '/out/film.mkv', 1, 'PROCESSING',"
            + " 'chunk-node-a', "
            + CLAIM
            + ")");
    job = TestDatabase.count("SELECT max(id) FROM encoding_job");
  }

  private static List<ChunkTask.Offer> offers(int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new ChunkTask.Offer(i, i * 10.0, i * 240L, 240, "sha-" + i))
        .toList();
  }

  private Optional<ChunkTask> take(String node) {
    return chunks.take(node, null, List.of()).await().atMost(WAIT);
  }

  private Callable<List<Integer>> taker(String node) {
    return () -> {
      var taken = new ArrayList<Integer>();
      while (true) {
        Optional<ChunkTask> next = take(node);
        if (next.isEmpty()) {
          return taken;
        }
        assertThat(chunks.finished(next.get(), 1000, node, 0.1).await().atMost(WAIT))
            .isEqualTo(ChunkTask.Recorded.RECORDED);
        taken.add(next.get().index());
      }
    };
  }

  @Test
  void shouldGiveEachOfferedChunkToExactlyOneOfTwoNodesTakingAtOnce() throws Exception {
    assertThat(chunks.offer(new Claim(job, CLAIM), offers(120)).await().atMost(WAIT)).isTrue();

    var pool = Executors.newFixedThreadPool(2);
    var first = pool.submit(taker("chunk-node-a"));
    var second = pool.submit(taker("chunk-node-b"));
    List<Integer> a = first.get();
    List<Integer> b = second.get();
    pool.shutdown();

    assertThat(a).doesNotHaveDuplicates().doesNotContainAnyElementsOf(b).isNotEmpty();
    assertThat(b).doesNotHaveDuplicates().isNotEmpty();
    assertThat(a.size() + b.size()).isEqualTo(120);
    assertThat(TestDatabase.count("SELECT count(*) FROM chunk_task")).isZero();
    assertThat(TestDatabase.count("SELECT count(*) FROM job_chunk WHERE node = 'chunk-node-b'"))
        .isEqualTo(b.size());
    assertThat(chunks.of(job).await().atMost(WAIT))
        .extracting(JobChunks.Chunk::index)
        .containsExactlyElementsOf(IntStream.range(0, 120).boxed().toList());
  }

  @Test
  void shouldTakeAgainAChunkHeldByALostNodeAndNeverOneHeldByALiveOne() {
    chunks.offer(new Claim(job, CLAIM), offers(2)).await().atMost(WAIT);
    TestDatabase.execute(
        "INSERT INTO node_lease (node, lease_ms) VALUES ('chunk-node-b', 5000), ('chunk-node-c',"
            + " 5000)");
    ChunkTask held = take("chunk-node-b").orElseThrow();
    assertThat(held.index()).isZero();
    assertThat(held.lost()).isEmpty();
    assertThat(take("chunk-node-c").orElseThrow().index()).isEqualTo(1);
    assertThat(take("chunk-node-c")).as("chunk 1 is held by a live node").isEmpty();

    TestDatabase.execute(
        "UPDATE node_lease SET renewed_at = now() - interval '1 minute'"
            + " WHERE node = 'chunk-node-b'");
    ChunkTask retaken = take("chunk-node-c").orElseThrow();

    assertThat(retaken.index()).isZero();
    assertThat(retaken.token()).isNotEqualTo(held.token());
    assertThat(retaken.lost()).contains(new ChunkTask.Lost("chunk-node-b", held.token()));
    assertThat(chunks.standing(held).await().atMost(WAIT)).isEqualTo(ChunkTask.Standing.GONE);
    assertThat(chunks.finished(held, 1000, "chunk-node-b", 1).await().atMost(WAIT))
        .isEqualTo(ChunkTask.Recorded.TAKE_LOST);
    assertThat(chunks.finished(retaken, 1000, "chunk-node-c", 1).await().atMost(WAIT))
        .isEqualTo(ChunkTask.Recorded.RECORDED);
    assertThat(chunks.of(job).await().atMost(WAIT))
        .extracting(JobChunks.Chunk::node)
        .containsExactly("chunk-node-c");
  }

  @Test
  void shouldHandOutNothingOfAJobPausedByHandOrOfAnEarlierClaim() {
    chunks.offer(new Claim(job, CLAIM), offers(3)).await().atMost(WAIT);
    ChunkTask taken = take("chunk-node-b").orElseThrow();

    TestDatabase.execute("UPDATE encoding_job SET status = 'PAUSED', manual_pause = TRUE");
    assertThat(take("chunk-node-c")).isEmpty();
    assertThat(chunks.standing(taken).await().atMost(WAIT)).isEqualTo(ChunkTask.Standing.HELD);
    TestDatabase.execute("UPDATE encoding_job SET manual_pause = FALSE");
    assertThat(chunks.standing(taken).await().atMost(WAIT)).isEqualTo(ChunkTask.Standing.TAKEN);

    // Requeued and claimed again: the earlier run's chunks are nobody's.
    TestDatabase.execute("UPDATE encoding_job SET status = 'PROCESSING', claim_token = 78");
    assertThat(take("chunk-node-c")).isEmpty();
    assertThat(chunks.standing(taken).await().atMost(WAIT)).isEqualTo(ChunkTask.Standing.GONE);
    assertThat(chunks.finished(taken, 1000, "chunk-node-b", 1).await().atMost(WAIT))
        .isEqualTo(ChunkTask.Recorded.JOB_OVER);
    assertThat(chunks.offer(new Claim(job, CLAIM), offers(3)).await().atMost(WAIT))
        .as("the earlier claim offers nothing")
        .isFalse();

    assertThat(chunks.offer(new Claim(job, 78L), offers(2)).await().atMost(WAIT)).isTrue();
    assertThat(TestDatabase.count("SELECT count(*) FROM chunk_task WHERE job_claim = 77")).isZero();
    assertThat(take("chunk-node-c").orElseThrow().jobClaim()).isEqualTo(78);
    assertThat(chunks.views(job).await().atMost(WAIT))
        .extracting(ChunkView::state)
        .containsExactly(ChunkView.State.ENCODING, ChunkView.State.OFFERED);
    assertThat(TestDatabase.count("SELECT count(*) FROM job_chunk")).isZero();
  }

  @Test
  void shouldGiveBackAtItsStartEveryChunkANodeHeldWithTheFfmpegItRan() {
    chunks.offer(new Claim(job, CLAIM), offers(3)).await().atMost(WAIT);
    ChunkTask first = take("chunk-node-b").orElseThrow();
    take("chunk-node-b").orElseThrow();
    chunks.started(first, 4242).await().atMost(WAIT);
    ChunkTask other = take("chunk-node-c").orElseThrow();
    chunks.finished(other, 5000, "chunk-node-c", 2).await().atMost(WAIT);

    List<JobChunks.Held> held = chunks.giveBackHeldBy("chunk-node-b").await().atMost(WAIT);

    assertThat(held).hasSize(2).extracting(JobChunks.Held::jobId).containsOnly(job);
    assertThat(held).extracting(JobChunks.Held::pid).containsExactlyInAnyOrder(4242L, null);
    assertThat(held).extracting(h -> h.output().toString()).containsOnly("/out/film.mkv");
    assertThat(chunks.views(job).await().atMost(WAIT))
        .extracting(ChunkView::state)
        .containsExactly(
            ChunkView.State.OFFERED, ChunkView.State.OFFERED, ChunkView.State.FINISHED);
    assertThat(chunks.giveBack(first).await().atMost(WAIT)).as("no longer its").isFalse();
    assertThat(take("chunk-node-c").orElseThrow().index()).isZero();
  }
}
