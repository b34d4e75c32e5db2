package io.optimizarr.encoder.library;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.optimizarr.encoder.NodeIdentity;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.ffmpeg.Container;
import io.optimizarr.encoder.ffmpeg.MediaProbe;
import io.optimizarr.encoder.ffmpeg.VideoCodec;
import io.optimizarr.encoder.media.MediaPaths;
import io.optimizarr.encoder.media.PathProblem;
import io.optimizarr.encoder.queue.JobQueue;
import io.optimizarr.encoder.queue.OutputMode;
import io.optimizarr.encoder.supervisor.Supervisor;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Scans library folders, one at a time on a thread of its own: walks the folder (symbolic links not
 * followed, hidden files and folders left out), and for each file with one of the folder's
 * extensions asks whether a job already reads or writes it or its output, whether its output name
 * is free, and (ffprobe) whether it holds video the profile would change; the rest are queued, in
 * the folder's output mode (or else the profile's). A file a job produced or replaced is a job's
 * output, and one a restore put back is its input: neither is queued again. Counts are saved as it
 * goes, so the UI shows a long scan's progress.
 */
@ApplicationScoped
public class LibraryScanner {

  static final int BATCH = 100;

  private final LibraryStore store;
  private final JobQueue queue;
  private final MediaPaths paths;
  private final MediaProbe probe;
  private final Supervisor supervisor;
  private final NodeIdentity node;
  private final Clock clock;
  private ExecutorService worker;

  LibraryScanner(
      LibraryStore store,
      JobQueue queue,
      MediaPaths paths,
      Supervisor supervisor,
      NodeIdentity node,
      EncoderConfig config,
      Clock clock) {
    this.store = store;
    this.queue = queue;
    this.paths = paths;
    this.supervisor = supervisor;
    this.node = node;
    this.clock = clock;
    this.probe = new MediaProbe(config.ffprobe(), config.ffprobeTimeout());
  }

  void start(@Observes StartupEvent event) {
    store.abandonScansOf(node.name()).await().atMost(Await.DATABASE);
    worker = DaemonThreads.single("optimizarr-library");
  }

  void stop(@Observes ShutdownEvent event) {
    if (worker != null) {
      worker.shutdownNow();
    }
  }

  /**
   * Begins a scan of the folder on this node, unless one runs already (on any node): empty then.
   * The one way a scan starts — by hand, at a folder's creation, on its watch's events, its
   * settling files or its rescan interval.
   */
  public Uni<Optional<LibraryFolder>> start(long id) {
    return store
        .startScan(id, node.name(), clock.instant())
        .invoke(started -> started.ifPresent(folder -> worker.submit(() -> scan(folder))));
  }

  /** What became of one file handed in from outside a scan: queued, or left alone and why. */
  public record FileOutcome(boolean queued, String reason) {}

  /**
   * Queues one file of {@code folder} as its scan would — the folder's profile and output mode, the
   * same checks and the same reasons to leave a file alone — for an import another program
   * announced. Blocks (ffprobe, the database): call it off the event loop.
   */
  public FileOutcome queueOne(LibraryFolder folder, Path file) {
    if (hidden(file) || !Extensions.matches(file, folder.extensions())) {
      return new FileOutcome(
          false,
          "not one of the folder's extensions (" + String.join(", ", folder.extensions()) + ")");
    }
    var profile = store.profile(folder.profileId()).await().atMost(Await.DATABASE).orElseThrow();
    var counts = new ScanCounts();
    // Announced as complete by the program that put it there: no settle time.
    scanBatch(folder, profile, List.of(file), counts, false);
    if (counts.queued() > 0) {
      supervisor.wake();
      return new FileOutcome(true, null);
    }
    return new FileOutcome(false, counts.reasons().keySet().iterator().next());
  }

  void scan(LibraryFolder folder) {
    var counts = new ScanCounts();
    try {
      var profile = store.profile(folder.profileId()).await().atMost(Await.DATABASE).orElseThrow();
      Path root = Path.of(folder.path());
      List<Path> files = walk(root, folder.extensions());
      for (int from = 0; from < files.size(); from += BATCH) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException();
        }
        int queuedBefore = counts.queued();
        scanBatch(
            folder,
            profile,
            files.subList(from, Math.min(files.size(), from + BATCH)),
            counts,
            true);
        if (counts.queued() > queuedBefore) {
          supervisor.wake();
        }
        store.progress(folder.id(), counts, "SCANNING", null).await().atMost(Await.DATABASE);
      }
      store.progress(folder.id(), counts, "DONE", null).await().atMost(Await.DATABASE);
      if (counts.settlesAt() != null) {
        store.wantScan(folder.id(), counts.settlesAt()).await().atMost(Await.DATABASE);
      }
      Log.infof(
          "Library scan of %s: %d files, %d queued, %d skipped %s",
          folder.path(), counts.seen(), counts.queued(), counts.skipped(), counts.reasons());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finishFailed(folder, counts, "the service stopped during the scan; scan again");
    } catch (IOException | RuntimeException e) {
      Log.errorf(e, "Library scan of %s failed", folder.path());
      finishFailed(folder, counts, e.getMessage());
    }
  }

  private void finishFailed(LibraryFolder folder, ScanCounts counts, String why) {
    try {
      store.progress(folder.id(), counts, "FAILED", why).await().atMost(Await.DATABASE);
    } catch (RuntimeException e) {
      Log.warnf("Could not record the failed scan of %s: %s", folder.path(), e.getMessage());
    }
  }

  private void scanBatch(
      LibraryFolder folder,
      LibraryStore.ProfileTarget profile,
      List<Path> files,
      ScanCounts counts,
      boolean settle) {
    var container = Container.byName(profile.container()).orElseThrow();
    OutputMode mode =
        OutputMode.byWire(folder.outputMode() == null ? profile.outputMode() : folder.outputMode())
            .orElseThrow();
    var outputs = new LinkedHashMap<Path, Path>();
    var asked = new ArrayList<String>();
    for (Path file : files) {
      counts.countSeen();
      try {
        Path input = paths.input(file.toString());
        Path output =
            mode == OutputMode.REPLACE
                ? paths.replacing(input, container.extension())
                : paths.output(null, input, container.extension(), false);
        outputs.put(input, output);
        asked.add(input.toString());
        asked.add(output.toString());
      } catch (PathProblem e) {
        counts.countSkipped(e.conflict() ? "its output file exists" : "not a readable file here");
      }
    }
    var known = queue.knownPaths(asked).await().atMost(Await.DATABASE);
    for (Map.Entry<Path, Path> each : outputs.entrySet()) {
      Path input = each.getKey();
      Path output = each.getValue();
      if (known.contains(input.toString()) || known.contains(output.toString())) {
        counts.countSkipped("a job has it already");
        continue;
      }
      if (settle) {
        Optional<Instant> settlesAt = settlesAt(input, folder.settleSeconds());
        if (settlesAt.isPresent()) {
          counts.countUnsettled(settlesAt.get());
          continue;
        }
      }
      Optional<String> unchanged = unchanged(input, profile);
      if (unchanged.isPresent()) {
        counts.countSkipped(unchanged.get());
        continue;
      }
      var queued =
          queue
              .enqueueFromLibrary(
                  input.toString(),
                  output.toString(),
                  folder.profileId(),
                  folder.path(),
                  mode,
                  profile.recycleDays())
              .await()
              .atMost(Await.DATABASE);
      if (queued.isPresent()) {
        counts.countQueued();
      } else {
        counts.countSkipped("a job has it already");
      }
    }
  }

  /**
   * When a file changed less than {@code settleSeconds} ago (still being copied, perhaps) will have
   * been still that long; empty for a settled file, or one that cannot be read (the path checks say
   * why).
   */
  private Optional<Instant> settlesAt(Path file, int settleSeconds) {
    try {
      Instant settles = Files.getLastModifiedTime(file).toInstant().plusSeconds(settleSeconds);
      return settles.isAfter(clock.instant()) ? Optional.of(settles) : Optional.empty();
    } catch (IOException unreadable) {
      return Optional.empty();
    }
  }

  /** Why the profile would not change this file, if it would not. */
  private Optional<String> unchanged(Path input, LibraryStore.ProfileTarget profile) {
    MediaProbe.Media media;
    try {
      media = probe.probe(input);
    } catch (MediaProbe.Unreadable e) {
      return Optional.of("ffprobe cannot read it");
    }
    Optional<String> codec = media.videoCodec();
    if (codec.isEmpty()) {
      return Optional.of("no video stream");
    }
    Optional<String> target =
        VideoCodec.byName(profile.videoCodec()).flatMap(VideoCodec::codecName);
    if (profile.skipIfTargetCodec() && target.equals(codec)) {
      return Optional.of("already " + codec.get());
    }
    return Optional.empty();
  }

  /** The files under {@code root} with one of {@code extensions}, in path order. */
  static List<Path> walk(Path root, List<String> extensions) throws IOException {
    var found = new ArrayList<Path>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && hidden(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !hidden(file) && Extensions.matches(file, extensions)) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            Log.debugf("Library scan cannot read %s: %s", file, e.getMessage());
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(null);
    return found;
  }

  private static boolean hidden(Path path) {
    return path.getFileName() != null && path.getFileName().toString().startsWith(".");
  }
}
