package io.optimizarr.encoder.supervisor;

import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.SegmentPlan;
import io.optimizarr.encoder.ffmpeg.StreamDecision;
import io.optimizarr.encoder.ffmpeg.StreamPlan;
import io.optimizarr.encoder.queue.ChunkTask;
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
 *
 * <p>A profile that shares chunks has them encoded by every node that has room: the run offers the
 * chunks not yet finished, takes them one at a time itself as the others do ({@link ChunkHelp}),
 * gives back a chunk its governor releases (another node may take it meanwhile), checks each chunk
 * another node recorded (size and frames) as it appears and offers again one that fails, and joins
 * once every chunk is recorded. Its progress is then its finished chunks' share of the frames.
 */
final class SegmentedEncode {

  /**
   * How the job's profile cuts films: on or off, the chunks' length, from what length on, and
   * whether other nodes may encode its chunks.
   */
  record Settings(boolean on, int seconds, int aboveSeconds, boolean shared) {}

  /**
   * The film to cut: its decision in the plan, its cut, and how far after the input's first stream
   * it starts (which the join keeps).
   */
  record Film(StreamDecision decision, SegmentPlan cut, double offsetSeconds) {}

  /** Starts one process of the run (attached to it); announced on the timeline when asked. */
  interface Starter {
    Process start(List<String> arguments, boolean announce) throws IOException;
  }

  /** How the encode of one chunk ended. */
  private sealed interface ChunkEnd {
    /** Checked and taken into the store. */
    record Encoded(long bytes, double seconds) implements ChunkEnd {}

    /** Ended by the governor's release pause: encoded again once it resumes. */
    record Released() implements ChunkEnd {}

    /** The run ends (asked to, or the chunk failed). */
    record Over(Outcome outcome) implements ChunkEnd {}
  }

  /** How often a shared encode with nothing left to take looks for the others' chunks. */
  private static final long LOOK_EVERY_MILLIS = 1_000;

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
  private boolean announced;
  private int count;
  private Double durationSeconds;

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
    this.count = segments.size();
    this.durationSeconds = durationSeconds;
    Set<Integer> reused = new HashSet<>();
    String resumed = reuse(film.cut(), store, reused);
    boolean shared = job.segmenting().shared();
    say(
        String.format(
                Locale.ROOT,
                "the film is encoded in %d chunks of about %d s, cut at its keyframes",
                segments.size(),
                job.segmenting().seconds())
            + (shared ? ", shared with every node that has room" : "")
            + resumed);
    Optional<Outcome> end =
        shared
            ? encodeShared(film, store, temporary, reused)
            : encodeInTurn(film, store, temporary, reused);
    if (end.isPresent()) {
      return end;
    }
    end = ended.apply("before its chunks were joined");
    if (end.isPresent()) {
      return end;
    }
    return join(plan, film, store, temporary);
  }

  /** Encodes the chunks not reused one after the other, here. */
  private Optional<Outcome> encodeInTurn(
      Film film, ChunkStore store, Path temporary, Set<Integer> reused)
      throws IOException, InterruptedException {
    List<SegmentPlan.Segment> segments = film.cut().segments();
    for (SegmentPlan.Segment segment : segments) {
      if (reused.contains(segment.index())) {
        continue;
      }
      ChunkEnd result;
      do {
        result =
            encodeChunk(
                film,
                segment,
                store,
                temporary,
                follower,
                segment.startSeconds() - segments.get(0).startSeconds());
      } while (result instanceof ChunkEnd.Released);
      if (result instanceof ChunkEnd.Over over) {
        return Optional.of(over.outcome());
      }
      var encoded = (ChunkEnd.Encoded) result;
      var chunk =
          new JobChunks.Chunk(
              segment.index(),
              segment.startSeconds(),
              segment.firstFrame(),
              segment.frames(),
              encoded.bytes(),
              node,
              encoded.seconds(),
              null);
      if (!writes.persist(() -> chunks.finished(running.claim, chunk))) {
        running.supersede();
      }
    }
    return Optional.empty();
  }

  /**
   * Offers the chunks not reused to every node and takes them as the others do, until every chunk
   * is recorded and each recorded by another node has passed its check.
   */
  private Optional<Outcome> encodeShared(
      Film film, ChunkStore store, Path temporary, Set<Integer> reused)
      throws IOException, InterruptedException {
    List<SegmentPlan.Segment> segments = film.cut().segments();
    Map<Integer, SegmentPlan.Segment> byIndex = byIndex(film.cut());
    if (!offer(film, segments.stream().filter(s -> !reused.contains(s.index())).toList())) {
      return ended.apply("when its chunks were offered");
    }
    Set<Integer> checked = new HashSet<>(reused);
    long frames = segments.stream().mapToLong(SegmentPlan.Segment::frames).sum();
    ProgressFollower silent = ProgressFollower.silent(running);
    while (true) {
      running.awaitResume();
      Optional<Outcome> end = ended.apply("before its next chunk was taken");
      if (end.isPresent()) {
        return end;
      }
      // Paused by this node's governor, it takes nothing: the other nodes go on with the film.
      Optional<ChunkTask> taken =
          running.isPaused()
              ? Optional.empty()
              : writes.persist(() -> chunks.take(node, job.id(), List.of()));
      if (taken.isPresent()) {
        ChunkTask task = taken.get();
        if (task.lost().isPresent()) {
          ChunkHelp.removeLostRun(task, task.lost().get());
          say(
              "chunk "
                  + (task.index() + 1)
                  + " taken again: node "
                  + task.lost().get().node()
                  + ", which was encoding it, was lost (its lease ran out)");
        }
        ChunkEnd result =
            encodeChunk(film, byIndex.get(task.index()), store, temporary, silent, null);
        if (result instanceof ChunkEnd.Encoded encoded) {
          ChunkTask.Recorded recorded =
              writes.persist(() -> chunks.finished(task, encoded.bytes(), node, encoded.seconds()));
          if (recorded == ChunkTask.Recorded.JOB_OVER) {
            running.supersede();
          } else if (recorded == ChunkTask.Recorded.RECORDED) {
            checked.add(task.index());
          }
        } else {
          writes.persist(() -> chunks.giveBack(task));
          if (result instanceof ChunkEnd.Over over) {
            return Optional.of(over.outcome());
          }
        }
        continue;
      }
      List<JobChunks.Chunk> recorded = writes.persist(() -> chunks.of(job.id()));
      follower.share(100.0 * recorded.stream().mapToLong(JobChunks.Chunk::frames).sum() / frames);
      List<SegmentPlan.Segment> failed = new ArrayList<>();
      for (JobChunks.Chunk chunk : recorded) {
        if (checked.contains(chunk.index())) {
          continue;
        }
        Optional<String> wrong = wrong(chunk, store);
        if (wrong.isEmpty()) {
          checked.add(chunk.index());
        } else {
          failed.add(byIndex.get(chunk.index()));
          say(wrong.get() + "; offered again");
        }
      }
      if (!failed.isEmpty()) {
        if (!offer(film, failed)) {
          return ended.apply("when its chunks were offered again");
        }
        continue;
      }
      if (checked.size() == segments.size()) {
        return Optional.empty();
      }
      Thread.sleep(LOOK_EVERY_MILLIS);
    }
  }

  /** Offers {@code segments}; false when the run was superseded meanwhile. */
  private boolean offer(Film film, List<SegmentPlan.Segment> segments) {
    List<ChunkTask.Offer> offers =
        segments.stream()
            .map(
                s ->
                    new ChunkTask.Offer(
                        s.index(),
                        s.startSeconds(),
                        s.firstFrame(),
                        s.frames(),
                        ChunkCommand.sha256(job, film.decision(), s)))
            .toList();
    if (!writes.persist(() -> chunks.offer(running.claim, offers))) {
      running.supersede();
      return false;
    }
    return true;
  }

  /**
   * Encodes one chunk into the run's work folder, checks its frames and takes it into the store.
   * {@code partFromSeconds}: where the chunk starts in the film, for its progress as the whole's.
   */
  private ChunkEnd encodeChunk(
      Film film,
      SegmentPlan.Segment segment,
      ChunkStore store,
      Path temporary,
      ProgressFollower progress,
      Double partFromSeconds)
      throws IOException, InterruptedException {
    String which = "chunk " + (segment.index() + 1) + " of " + film.cut().segments().size();
    // A release pause between two chunks holds the next one until the governor resumes.
    running.awaitResume();
    Optional<Outcome> end = ended.apply("before " + which + " was encoded");
    if (end.isPresent()) {
      return new ChunkEnd.Over(end.get());
    }
    Path part = ChunkCommand.part(temporary.getParent(), segment.index());
    long began = System.nanoTime();
    running.releasable(true);
    int exit;
    StderrTail tail;
    try {
      Process process =
          starter.start(ChunkCommand.arguments(job, film.decision(), segment, part), !announced);
      announced = true;
      tail = new StderrTail(process.getErrorStream(), "optimizarr-stderr-" + job.id());
      progress.follow(process, durationSeconds, partFromSeconds);
      exit = process.waitFor();
    } finally {
      running.releasable(false);
    }
    end = ended.apply("while " + which + " was encoded");
    if (end.isPresent()) {
      return new ChunkEnd.Over(end.get());
    }
    if (exit != 0 && running.released()) {
      Files.deleteIfExists(part);
      return new ChunkEnd.Released();
    }
    if (exit != 0) {
      return new ChunkEnd.Over(
          new Outcome.Failed("ffmpeg exited with status " + exit + " on " + which, tail.text()));
    }
    long frames = frames(probe, part).orElse(-1L);
    if (frames != segment.frames()) {
      return new ChunkEnd.Over(
          new Outcome.Failed(
              which + " came out with " + frames + " frames, not " + segment.frames(),
              "its encode cannot be joined frame for frame"));
    }
    return new ChunkEnd.Encoded(
        store.put(part, segment.index()), (System.nanoTime() - began) / 1e9);
  }

  /** Says {@code message} on the timeline (type SEGMENTED); a superseded run ends its encode. */
  private void say(String message) {
    if (!writes.persist(() -> queue.segmented(running.claim, count, message))) {
      running.supersede();
    }
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
    Map<Integer, SegmentPlan.Segment> byIndex = byIndex(cut);
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
      Optional<String> wrong = wrong(c, store);
      if (wrong.isPresent()) {
        redone.add(wrong.get());
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

  /**
   * What is wrong with a recorded chunk's file, if anything: gone, or not of the size or frames
   * recorded.
   */
  private Optional<String> wrong(JobChunks.Chunk c, ChunkStore store) throws IOException {
    Optional<Long> size = store.size(c.index());
    String chunk =
        "chunk " + (c.index() + 1) + (node.equals(c.node()) ? "" : " from node " + c.node());
    if (size.isEmpty()) {
      return Optional.of(chunk + "'s file is gone");
    }
    if (size.get() != c.bytes()) {
      return Optional.of(chunk + "'s file has " + size.get() + " bytes, not " + c.bytes());
    }
    if (frames(probe, store.chunk(c.index())).orElse(-1L) != c.frames()) {
      return Optional.of(chunk + "'s file does not hold its " + c.frames() + " frames");
    }
    return Optional.empty();
  }

  private static Map<Integer, SegmentPlan.Segment> byIndex(SegmentPlan cut) {
    return cut.segments().stream()
        .collect(Collectors.toMap(SegmentPlan.Segment::index, Function.identity()));
  }

  /** The frames of a chunk's file, counted from its packets; empty when it cannot be read. */
  static Optional<Long> frames(MediaProbe probe, Path chunk) {
    try {
      return probe.probeCountingFrames(chunk).firstFilm().map(MediaProbe.Media.Stream::frames);
    } catch (MediaProbe.Unreadable e) {
      return Optional.empty();
    }
  }
}
