package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.SegmentPlan;
import io.optimizarr.encoder.ffmpeg.StreamDecision;
import io.optimizarr.encoder.ffmpeg.StreamPlan;
import io.optimizarr.encoder.queue.JobChunks;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The encode of a film in chunks (issue 19): each chunk of its {@link SegmentPlan} not yet finished
 * is encoded as the job's process (so the governor pauses it and a cancel ends it), checked for its
 * exact frames, taken into the job's {@link ChunkStore} and recorded ({@link JobChunks}); then the
 * chunks are joined with the input's other streams, processed once, into the run's temporary file,
 * which the same checks as a one-pass output's then judge. A release pause of the governor's ends
 * the chunk's ffmpeg and encodes that chunk again once it resumes. A run first reuses the chunks an
 * earlier run of the job recorded, each after a check that its file still has the size and frames
 * recorded, and says on the timeline what it reuses, or why it starts over.
 */
final class SegmentedEncode {

  /** How the job's profile cuts films: on or off, the chunks' length, from what length on. */
  record Settings(boolean on, int seconds, int aboveSeconds) {}

  /**
   * The film to cut: its decision in the plan, its cut, and how far after the input's first stream
   * it starts (which the join keeps).
   */
  record Film(StreamDecision decision, SegmentPlan cut, double offsetSeconds) {}

  /** Starts one process of the run (attached to it); announced on the timeline when asked. */
  interface Starter {
    Process start(List<String> arguments, boolean announce) throws IOException;
  }

  private final EncodeRun.Job job;
  private final RunningEncode running;
  private final JobQueue queue;
  private final JobChunks chunks;
  private final MediaProbe probe;
  private final ProgressFollower follower;
  private final JobWrites writes;
  private final String node;
  private final Starter starter;
  private final Function<String, Optional<Outcome>> ended;
  private String stderr = "";

  SegmentedEncode(
      EncodeRun.Job job,
      RunningEncode running,
      JobQueue queue,
      JobChunks chunks,
      MediaProbe probe,
      ProgressFollower follower,
      JobWrites writes,
      String node,
      Starter starter,
      Function<String, Optional<Outcome>> ended) {
    this.job = job;
    this.running = running;
    this.queue = queue;
    this.chunks = chunks;
    this.probe = probe;
    this.follower = follower;
    this.writes = writes;
    this.node = node;
    this.starter = starter;
    this.ended = ended;
  }

  /** What the join wrote on stderr: for the output check, as a one-pass encode's. */
  String stderr() {
    return stderr;
  }

  /**
   * Encodes the chunks not yet finished and joins them into {@code temporary}, in the run's work
   * folder; empty when the joined file is there, else how the run ends.
   */
  Optional<Outcome> encode(
      StreamPlan plan, Film film, ChunkStore store, Path temporary, Double durationSeconds)
      throws IOException, InterruptedException {
    List<SegmentPlan.Segment> segments = film.cut().segments();
    Set<Integer> reused = new HashSet<>();
    String resumed = reuse(film.cut(), store, reused);
    if (!writes.persist(
        () ->
            queue.segmented(
                running.claim,
                segments.size(),
                String.format(
                        Locale.ROOT,
                        "the film is encoded in %d chunks of about %d s, cut at its keyframes",
                        segments.size(),
                        job.segmenting().seconds())
                    + resumed))) {
      running.supersede();
    }
    double from = segments.get(0).startSeconds();
    boolean announced = false;
    for (int at = 0; at < segments.size(); at++) {
      SegmentPlan.Segment segment = segments.get(at);
      if (reused.contains(segment.index())) {
        continue;
      }
      String which = "chunk " + (segment.index() + 1) + " of " + segments.size();
      // A release pause between two chunks holds the next one until the governor resumes.
      running.awaitResume();
      Optional<Outcome> end = ended.apply("before " + which + " was encoded");
      if (end.isPresent()) {
        return end;
      }
      Path part =
          temporary.resolveSibling(
              String.format(Locale.ROOT, "chunk-%05d.mkv.part", segment.index()));
      long began = System.nanoTime();
      running.releasable(true);
      int exit;
      StderrTail tail;
      try {
        Process process =
            starter.start(
                job.settings().chunkArguments(job.input(), segment, film.decision(), part),
                !announced);
        announced = true;
        tail = new StderrTail(process.getErrorStream(), "optimizarr-stderr-" + job.id());
        follower.follow(process, durationSeconds, segment.startSeconds() - from);
        exit = process.waitFor();
      } finally {
        running.releasable(false);
      }
      end = ended.apply("while " + which + " was encoded");
      if (end.isPresent()) {
        return end;
      }
      if (exit != 0 && running.released()) {
        // Released by the governor: this chunk is encoded again once it resumes.
        Files.deleteIfExists(part);
        at--;
        continue;
      }
      if (exit != 0) {
        return Optional.of(
            new Outcome.Failed("ffmpeg exited with status " + exit + " on " + which, tail.text()));
      }
      long frames = frames(part).orElse(-1L);
      if (frames != segment.frames()) {
        return Optional.of(
            new Outcome.Failed(
                which + " came out with " + frames + " frames, not " + segment.frames(),
                "its encode cannot be joined frame for frame"));
      }
      long bytes = store.put(part, segment.index());
      var chunk =
          new JobChunks.Chunk(
              segment.index(),
              segment.startSeconds(),
              segment.firstFrame(),
              segment.frames(),
              bytes,
              node,
              (System.nanoTime() - began) / 1e9,
              null);
      if (!writes.persist(() -> chunks.finished(running.claim, chunk))) {
        running.supersede();
      }
    }
    Optional<Outcome> end = ended.apply("before its chunks were joined");
    if (end.isPresent()) {
      return end;
    }
    return join(plan, film, store, temporary);
  }

  /** Joins the chunks and the input's other streams into {@code temporary}. */
  private Optional<Outcome> join(StreamPlan plan, Film film, ChunkStore store, Path temporary)
      throws IOException, InterruptedException {
    Path list = store.list(film.cut().lengths());
    Process process =
        starter.start(
            job.settings()
                .joinArguments(
                    job.input(), list, film.offsetSeconds(), film.decision(), temporary, plan),
            false);
    var tail = new StderrTail(process.getErrorStream(), "optimizarr-stderr-" + job.id());
    try (var progress = process.getInputStream()) {
      progress.transferTo(OutputStream.nullOutputStream());
    }
    int exit = process.waitFor();
    Optional<Outcome> end = ended.apply("while its chunks were joined");
    if (end.isPresent()) {
      return end;
    }
    stderr = tail.text();
    return exit == 0
        ? Optional.empty()
        : Optional.of(
            new Outcome.Failed(
                "ffmpeg exited with status " + exit + " joining the chunks", stderr));
  }

  /**
   * Which recorded chunks this run reuses (added to {@code reused}): those that fit the cut and
   * whose files have the size and frames recorded. Chunks recorded for another cut (the input was
   * changed) are forgotten and their files removed. What it says on the timeline.
   */
  private String reuse(SegmentPlan cut, ChunkStore store, Set<Integer> reused) throws IOException {
    List<JobChunks.Chunk> recorded = writes.persist(() -> chunks.of(job.id()));
    if (recorded.isEmpty()) {
      return "";
    }
    if (store.made()) {
      writes.persist(() -> chunks.forget(running.claim));
      return "; starting over: the folder of the "
          + recorded.size()
          + " chunks recorded is gone (removed when an earlier run ended, or by hand)";
    }
    Map<Integer, SegmentPlan.Segment> byIndex =
        cut.segments().stream()
            .collect(Collectors.toMap(SegmentPlan.Segment::index, Function.identity()));
    boolean fits =
        recorded.stream()
            .allMatch(
                c -> {
                  SegmentPlan.Segment s = byIndex.get(c.index());
                  return s != null
                      && s.firstFrame() == c.firstFrame()
                      && s.frames() == c.frames()
                      && Math.abs(s.startSeconds() - c.startSeconds()) < 1e-6;
                });
    if (!fits) {
      writes.persist(() -> chunks.forget(running.claim));
      store.clear();
      return "; starting over: the "
          + recorded.size()
          + " chunks recorded do not fit the input's keyframes now (the file was changed)";
    }
    var redone = new ArrayList<String>();
    for (JobChunks.Chunk c : recorded) {
      Optional<Long> size = store.size(c.index());
      String chunk = "chunk " + (c.index() + 1);
      if (size.isEmpty()) {
        redone.add(chunk + "'s file is gone");
      } else if (size.get() != c.bytes()) {
        redone.add(chunk + "'s file has " + size.get() + " bytes, not " + c.bytes());
      } else if (frames(store.chunk(c.index())).orElse(-1L) != c.frames()) {
        redone.add(chunk + "'s file does not hold its " + c.frames() + " frames");
      } else {
        reused.add(c.index());
      }
    }
    String said =
        reused.isEmpty()
            ? "; starting over: none of the " + recorded.size() + " chunks recorded is whole"
            : "; resumed: "
                + reused.size()
                + " finished chunks reused (size and frames as recorded)";
    return said + (redone.isEmpty() ? "" : "; encoded again: " + String.join(", ", redone));
  }

  /** The frames of a chunk's file, counted from its packets; empty when it cannot be read. */
  private Optional<Long> frames(Path chunk) {
    try {
      return probe.probeCountingFrames(chunk).firstFilm().map(MediaProbe.Media.Stream::frames);
    } catch (MediaProbe.Unreadable e) {
      return Optional.empty();
    }
  }
}
