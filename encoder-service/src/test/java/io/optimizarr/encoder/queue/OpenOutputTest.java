package io.optimizarr.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.testing.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The open-output rule is the schema's (V9): however many requests and scans queue one output at
 * the same instant, one job writes it while it is unfinished; a finished job frees it.
 */
@QuarkusTest
class OpenOutputTest {

  static final int AT_ONCE = 8;

  @Inject JobQueue queue;

  @BeforeAll
  static void holdTheSupervisor() {
    TestDatabase.clean();
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 0");
  }

  @AfterAll
  static void restore() {
    TestDatabase.execute("UPDATE resource_settings SET max_concurrent_jobs = 1");
    TestDatabase.clean();
  }

  @BeforeEach
  void empty() {
    TestDatabase.execute("TRUNCATE job_event, encoding_job RESTART IDENTITY CASCADE");
  }

  private static NewJobRow writing(String input, String output) {
    return new NewJobRow(input, output, 1, 0, false, false, OutputMode.BESIDE, 7);
  }

  /** Runs every task at the same instant, as far as threads allow, and gives their results. */
  private static <T> List<T> atOnce(List<Callable<T>> tasks) throws Exception {
    var pool = Executors.newFixedThreadPool(tasks.size());
    var start = new CountDownLatch(1);
    var futures = new ArrayList<Future<T>>();
    for (Callable<T> task : tasks) {
      futures.add(
          pool.submit(
              () -> {
                start.await();
                return task.call();
              }));
    }
    start.countDown();
    var results = new ArrayList<T>();
    for (Future<T> f : futures) {
      results.add(f.get());
    }
    pool.shutdown();
    return results;
  }

  @Test
  void shouldQueueOneOutputOnceWhenManyAskAtOnce() throws Exception {
    var tasks = new ArrayList<Callable<Optional<JobView>>>();
    for (int i = 0; i < AT_ONCE; i++) {
      String input = "/in/" + i + ".mkv";
      tasks.add(
          () ->
              queue
                  .enqueue(writing(input, "/out/film.mkv"), "test")
                  .await()
                  .atMost(Await.DATABASE));
    }

    List<Optional<JobView>> results = atOnce(tasks);

    assertThat(results.stream().filter(Optional::isPresent)).hasSize(1);
    assertThat(TestDatabase.count("select count(*) from encoding_job")).isEqualTo(1);
    assertThat(TestDatabase.count("select count(*) from job_event where type = 'QUEUED'"))
        .as("a refused job leaves no timeline entry")
        .isEqualTo(1);
  }

  @Test
  void shouldLetALibraryScanAndARequestNeverBothQueueOneOutput() throws Exception {
    var tasks = new ArrayList<Callable<Boolean>>();
    for (int i = 0; i < AT_ONCE / 2; i++) {
      String input = "/library/" + i + ".mkv";
      tasks.add(
          () ->
              queue
                  .enqueueFromLibrary(input, "/out/show.mkv", 1, "/library", OutputMode.BESIDE, 7)
                  .await()
                  .atMost(Await.DATABASE)
                  .isPresent());
      String other = "/in/" + i + ".mkv";
      tasks.add(
          () ->
              queue
                  .enqueue(writing(other, "/out/show.mkv"), "test")
                  .await()
                  .atMost(Await.DATABASE)
                  .isPresent());
    }

    assertThat(atOnce(tasks).stream().filter(queued -> queued)).hasSize(1);
    assertThat(TestDatabase.count("select count(*) from encoding_job")).isEqualTo(1);
  }

  @Test
  void shouldFreeAnOutputOnceItsJobHasFinished() {
    long first =
        queue
            .enqueue(writing("/in/a.mkv", "/out/a.mkv"), "test")
            .await()
            .atMost(Await.DATABASE)
            .orElseThrow()
            .id();
    assertThat(
            queue
                .enqueue(writing("/in/b.mkv", "/out/a.mkv"), "test")
                .await()
                .atMost(Await.DATABASE))
        .isEmpty();

    assertThat(queue.cancelQueued(first, "test").await().atMost(Await.DATABASE)).isTrue();

    assertThat(
            queue
                .enqueue(writing("/in/b.mkv", "/out/a.mkv"), "test")
                .await()
                .atMost(Await.DATABASE))
        .isPresent();
  }
}
