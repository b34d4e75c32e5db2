package io.optimizarr.encoder.library;

import io.optimizarr.encoder.Await;
import io.optimizarr.encoder.DaemonThreads;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds new and changed files without anyone pressing Scan. Every few seconds it watches the trees
 * of the library's folders (file-system events, inotify on Linux; subfolders made later are watched
 * as they appear) and starts the scans that are due ({@link LibraryStore#due}): a folder with an
 * event asks for a scan its settle time later, one whose scan left files to settle asks for the
 * scan that takes them, and every folder is scanned again after its rescan interval — for network
 * shares, which send no events, and where the kernel's watch limit is reached. A scan queues only
 * what is new and leaves a file changed within the settle time for a later one.
 */
@ApplicationScoped
public class LibraryWatch {

  static final long TICK_SECONDS = 2;

  private final LibraryStore store;
  private final LibraryScanner scanner;
  private final Clock clock;

  /** Each watched folder of a tree, by its key, with the library folder it belongs to. */
  private final Map<WatchKey, LibraryFolder> keys = new ConcurrentHashMap<>();

  private final Set<Long> watchedFolders = ConcurrentHashMap.newKeySet();
  private WatchService watcher;
  private ScheduledExecutorService ticker;
  private Thread events;
  private boolean warnedOfLimit;

  LibraryWatch(LibraryStore store, LibraryScanner scanner, Clock clock) {
    this.store = store;
    this.scanner = scanner;
    this.clock = clock;
  }

  void start(@Observes StartupEvent event) throws IOException {
    watcher = FileSystems.getDefault().newWatchService();
    events = new Thread(this::followEvents, "optimizarr-library-watch");
    events.setDaemon(true);
    events.start();
    ticker = DaemonThreads.single("optimizarr-library-rescan");
    ticker.scheduleWithFixedDelay(this::tick, TICK_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
  }

  void stop(@Observes ShutdownEvent event) throws IOException {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (watcher != null) {
      watcher.close();
    }
  }

  /** Watches folders added since, forgets removed ones, and starts the scans that are due. */
  void tick() {
    try {
      List<LibraryFolder> folders = store.all().await().atMost(Await.DATABASE);
      var present = new HashSet<Long>();
      for (LibraryFolder folder : folders) {
        present.add(folder.id());
        if (watchedFolders.add(folder.id())) {
          watchTree(folder, Path.of(folder.path()));
        }
      }
      keys.entrySet()
          .removeIf(
              e -> {
                boolean gone = !present.contains(e.getValue().id());
                if (gone) {
                  e.getKey().cancel();
                }
                return gone;
              });
      watchedFolders.retainAll(present);
      for (LibraryFolder due : store.due(clock.instant()).await().atMost(Await.DATABASE)) {
        scanner
            .start(due.id())
            .await()
            .atMost(Await.DATABASE)
            .ifPresent(
                f ->
                    Log.debugf("Scanning %s: a change, a settling file or its interval", f.path()));
      }
    } catch (RuntimeException e) {
      // One failed round must not end the ticks: the next one tries again.
      Log.warnf("Looking for library scans to start failed: %s", e.getMessage());
    }
  }

  private void watchTree(LibraryFolder folder, Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return watch(folder, dir) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      Log.warnf(
          "Cannot watch %s (%s): it is scanned every %d minutes", root, e, folder.rescanMinutes());
    }
  }

  /** False once the kernel refuses more watches: the rest of the tree relies on rescans. */
  private boolean watch(LibraryFolder folder, Path dir) {
    try {
      keys.put(
          dir.register(
              watcher,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE),
          folder);
      return true;
    } catch (IOException e) {
      if (!warnedOfLimit) {
        warnedOfLimit = true;
        Log.warnf(
            "Cannot watch %s (%s): its changes are found by the rescan every %d minutes;"
                + " raise fs.inotify.max_user_watches to watch more folders",
            dir, e.getMessage(), folder.rescanMinutes());
      }
      return false;
    }
  }

  private void followEvents() {
    while (true) {
      WatchKey key;
      try {
        key = watcher.take();
      } catch (InterruptedException | ClosedWatchServiceException stopped) {
        return;
      }
      LibraryFolder folder = keys.get(key);
      Path dir = (Path) key.watchable();
      boolean relevant = false;
      for (WatchEvent<?> event : key.pollEvents()) {
        if (!(event.context() instanceof Path name)) {
          relevant = true; // OVERFLOW: events were lost; a scan finds what they were
          continue;
        }
        // Hidden names are left alone as scans leave them: our own work folders among them.
        if (folder == null || name.toString().startsWith(".")) {
          continue;
        }
        relevant = true;
        if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
            && Files.isDirectory(dir.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
          watchTree(folder, dir.resolve(name));
        }
      }
      if (!key.reset()) {
        keys.remove(key);
      }
      if (folder != null && relevant) {
        try {
          store
              .wantScan(folder.id(), clock.instant().plusSeconds(folder.settleSeconds()))
              .await()
              .atMost(Await.DATABASE);
        } catch (RuntimeException e) {
          Log.warnf("Could not ask for a scan of %s: %s", folder.path(), e.getMessage());
        }
      }
    }
  }
}
