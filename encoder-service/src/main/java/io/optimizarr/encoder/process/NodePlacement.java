package io.optimizarr.encoder.process;

import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.process.CgroupLayout.CpuHierarchy;
import io.optimizarr.encoder.process.EncodeCgroup.Spot;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How this node places its encodes: the idle cgroup ({@link EncodeCgroup}), made when the
 * supervisor starts and removed when it has ended its encodes, and the {@link Placement} report,
 * read and logged at the start and read again on each request (a few small files). Thread-safe.
 */
@ApplicationScoped
public class NodePlacement {

  private static final String NAME = "optimizarr-encodes";

  private final String configured;
  private final String name;
  private final OptionalLong memoryHigh;
  private volatile CgroupLayout layout = new CgroupLayout(Optional.empty());
  private volatile EncodeCgroup cgroup = EncodeCgroup.NONE;

  NodePlacement(EncoderConfig config) {
    this.configured = config.placement().cgroup();
    this.name = config.test().encodeCgroupName().orElse(NAME);
    this.memoryHigh =
        config.placement().memoryHigh().isPresent()
            ? OptionalLong.of(config.placement().memoryHigh().get().asLongValue())
            : OptionalLong.empty();
  }

  /** Makes the idle cgroup where the node may, and logs the report on it. */
  public synchronized void setUp(boolean idleClass) {
    CgroupLayout before = CgroupLayout.read();
    List<Spot> spots = EncodeCgroup.spots(configured, name, before);
    if (spots.isEmpty() && !configured.trim().equalsIgnoreCase("none")) {
      Log.warnf(
          "No idle cgroup for encodes: %s",
          before.cpu().isEmpty()
              ? "this host has no cgroup hierarchy with the cpu controller"
              : "OPTIMIZARR_ENCODE_CGROUP "
                  + configured
                  + " is not inside the cpu hierarchy at "
                  + before.cpu().get().mount());
    }
    cgroup = EncodeCgroup.setUp(spots, memoryHigh);
    // Read again: in a delegated subtree this service has just moved into its service leaf.
    layout = CgroupLayout.read();
    Placement report = report(idleClass);
    if (report.warning() == null) {
      Log.info(report.logLine());
    } else {
      Log.warn(report.logLine());
    }
  }

  /** The cgroup encodes join in IDLE mode; {@link EncodeCgroup#NONE} before the start. */
  public EncodeCgroup cgroup() {
    return cgroup;
  }

  /** Removes the cgroup, once every encode has ended. */
  public synchronized void tearDown() {
    cgroup.remove();
  }

  /**
   * The report as the host stands now.
   *
   * @param idleClass whether encodes start in the idle class ({@code priorityMode} IDLE); only
   *     those join the idle cgroup
   */
  public Placement report(boolean idleClass) {
    Optional<CpuHierarchy> cpu = layout.cpu();
    Optional<Spot> spot = idleClass ? cgroup.spot() : Optional.empty();
    String path = spot.map(Spot::path).orElse(cpu.map(CpuHierarchy::own).orElse("/"));
    String autogroup = read(Path.of("/proc/self/autogroup")).orElse("");
    return Placement.judge(
        new Placement.Facts(
            idleClass,
            !autogroup.isEmpty(),
            read(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).orElse("0").equals("1"),
            autogroupNice(autogroup),
            cpu.map(CpuHierarchy::version),
            path,
            spot.map(Spot::origin),
            cpu.isPresent() ? levels(cpu.get(), path) : List.of(),
            spot.isPresent() ? cgroup.memoryHigh() : OptionalLong.empty(),
            inContainer()));
  }

  /**
   * The cgroups from the top down to {@code path}, as the CPU controller sees them: on v2 a cgroup
   * whose parent does not enable {@code cpu} for it has no weight of its own, and its tasks count
   * in the nearest one above that does.
   */
  static List<Placement.Level> levels(CpuHierarchy cpu, String path) {
    var levels = new ArrayList<Placement.Level>();
    var prefix = new StringBuilder();
    for (String part : path.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      prefix.append('/').append(part);
      Path dir = cpu.dir(prefix.toString());
      Integer weight =
          read(dir.resolve(cpu.version() == CgroupVersion.V2 ? "cpu.weight" : "cpu.shares"))
              .flatMap(NodePlacement::number)
              .orElse(null);
      if (cpu.version() == CgroupVersion.V2 && weight == null) {
        break;
      }
      boolean idle = read(dir.resolve("cpu.idle")).orElse("0").equals("1");
      levels.add(
          new Placement.Level(
              prefix.toString(), CpuStanding.of(cpu.version(), idle, weight), weight));
    }
    return levels;
  }

  /** {@code /autogroup-107 nice 0} gives 0. */
  static int autogroupNice(String line) {
    int at = line.lastIndexOf("nice ");
    return at < 0 ? 0 : number(line.substring(at + 5)).orElse(0);
  }

  private static boolean inContainer() {
    return Files.exists(Path.of("/.dockerenv"))
        || Files.exists(Path.of("/run/.containerenv"))
        || System.getenv("KUBERNETES_SERVICE_HOST") != null
        || System.getenv("container") != null;
  }

  private static Optional<Integer> number(String text) {
    try {
      return Optional.of(Integer.parseInt(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file).trim());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
