package io.optimizarr.encoder.process;

import io.optimizarr.encoder.process.CgroupLayout.CpuHierarchy;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The idle cgroup this node's encodes run in, where the node may make one: {@code cpu.idle=1}
 * (kernels from 5.15, v1 and v2), else the lowest weight (v2 {@code cpu.weight=1}, v1 {@code
 * cpu.shares=2}); on v2 optionally {@code memory.high}, so that encodes' page cache gives way
 * first. {@link #spots} decides where, purely; {@link #setUp} makes the first that works:
 *
 * <ol>
 *   <li>a configured folder ({@code optimizarr.placement.cgroup}, {@code
 *       OPTIMIZARR_ENCODE_CGROUP});
 *   <li>as root, {@code optimizarr-encodes} at the top of the hierarchy, a child of the root, so
 *       that it is idle against everything on the machine;
 *   <li>a delegated v2 subtree (this service's own cgroup writable): this service's processes move
 *       to a {@code service} leaf first (v2 lets no cgroup hold processes and enable controllers
 *       for children), then {@code encodes} is made beside it.
 * </ol>
 *
 * Each encode's process joins before exec: the launch chain's shell step writes its pid into {@link
 * #joinFile} (see {@code supervisor/FfmpegCommand}); {@link #ensureJoined} checks after the start
 * and moves it from here where that failed. A cgroup this node made is removed at shutdown when
 * empty. Thread-safe.
 */
public final class EncodeCgroup {

  /** Where the cgroup came from. */
  public enum Origin {
    CONFIGURED,
    TOP,
    DELEGATED
  }

  /**
   * A place for the cgroup.
   *
   * @param path the encodes' cgroup in the hierarchy, such as {@code /optimizarr-encodes}
   * @param serviceLeaf for {@link Origin#DELEGATED}: the leaf this service's processes move to
   */
  public record Spot(
      Origin origin, CpuHierarchy hierarchy, String path, Optional<String> serviceLeaf) {

    public Path dir() {
      return hierarchy.dir(path);
    }
  }

  /** No cgroup: encodes run in this service's own. */
  public static final EncodeCgroup NONE = new EncodeCgroup(null, false, OptionalLong.empty());

  private final Spot spot;
  private final boolean made;
  private final OptionalLong memoryHigh;

  private EncodeCgroup(Spot spot, boolean made, OptionalLong memoryHigh) {
    this.spot = spot;
    this.made = made;
    this.memoryHigh = memoryHigh;
  }

  /**
   * Where the cgroup may go, in the order to try. Pure.
   *
   * @param configured {@code auto}, {@code none} or the folder of a cgroup
   * @param name the cgroup's name at the top of the hierarchy ({@code optimizarr-encodes})
   */
  public static List<Spot> spots(String configured, String name, CgroupLayout layout) {
    var spots = new ArrayList<Spot>();
    String how = configured.trim();
    if (how.equalsIgnoreCase("none") || layout.cpu().isEmpty()) {
      return spots;
    }
    CpuHierarchy cpu = layout.cpu().get();
    if (!how.equalsIgnoreCase("auto")) {
      cpu.pathOf(Path.of(how))
          .ifPresent(p -> spots.add(new Spot(Origin.CONFIGURED, cpu, p, Optional.empty())));
      return spots;
    }
    spots.add(new Spot(Origin.TOP, cpu, "/" + name, Optional.empty()));
    if (cpu.version() == CgroupVersion.V2 && !cpu.own().equals("/")) {
      spots.add(
          new Spot(
              Origin.DELEGATED, cpu, cpu.own() + "/encodes", Optional.of(cpu.own() + "/service")));
    }
    return spots;
  }

  /**
   * Makes the first of {@code spots} that works; {@link #NONE} when none does, each failure logged.
   *
   * @param memoryHigh {@code memory.high} in bytes (v2 only), where asked
   */
  public static EncodeCgroup setUp(List<Spot> spots, OptionalLong memoryHigh) {
    for (Spot spot : spots) {
      try {
        boolean made = make(spot, memoryHigh);
        return new EncodeCgroup(spot, made, memoryHigh);
      } catch (IOException | RuntimeException e) {
        Log.infof("No idle cgroup for encodes at %s: %s", spot.dir(), e.getMessage());
      }
    }
    return NONE;
  }

  private static boolean make(Spot spot, OptionalLong memoryHigh) throws IOException {
    CpuHierarchy h = spot.hierarchy();
    if (spot.serviceLeaf().isPresent()) {
      Path own = h.dir(h.own());
      Path service = h.dir(spot.serviceLeaf().get());
      if (!Files.isWritable(own.resolve("cgroup.procs"))
          || !Files.isWritable(own.resolve("cgroup.subtree_control"))) {
        throw new IOException("this service's cgroup " + h.own() + " is not delegated to it");
      }
      mkdir(service);
      for (String pid : Files.readAllLines(own.resolve("cgroup.procs"))) {
        if (!pid.isBlank()) {
          write(service.resolve("cgroup.procs"), pid.trim());
        }
      }
    }
    Path dir = spot.dir();
    if (h.version() == CgroupVersion.V2) {
      enable(dir.getParent(), "cpu");
      if (memoryHigh.isPresent()) {
        enable(dir.getParent(), "memory");
      }
    }
    boolean made = mkdir(dir);
    makeIdle(dir, h.version());
    if (memoryHigh.isPresent()) {
      if (h.version() == CgroupVersion.V2) {
        write(dir.resolve("memory.high"), Long.toString(memoryHigh.getAsLong()));
      } else {
        Log.warn("memory.high for encodes needs cgroup v2; this host's cpu cgroups are v1");
      }
    }
    return made;
  }

  private static void makeIdle(Path dir, CgroupVersion version) throws IOException {
    Path idle = dir.resolve("cpu.idle");
    if (Files.exists(idle)) {
      try {
        write(idle, "1");
        return;
      } catch (IOException e) {
        Log.debugf("cpu.idle of %s not set (%s); the lowest weight instead", dir, e.getMessage());
      }
    }
    if (version == CgroupVersion.V2) {
      write(dir.resolve("cpu.weight"), "1");
    } else {
      write(dir.resolve("cpu.shares"), "2");
    }
  }

  /** Enables {@code controller} for the children of {@code parent}, unless it is already. */
  private static void enable(Path parent, String controller) throws IOException {
    Path control = parent.resolve("cgroup.subtree_control");
    if (!CgroupLayout.words(Files.readString(control)).contains(controller)) {
      write(control, "+" + controller);
    }
  }

  private static boolean mkdir(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return false;
    }
    Files.createDirectory(dir);
    return true;
  }

  private static void write(Path file, String value) throws IOException {
    Files.writeString(file, value);
  }

  /** The cgroup, where there is one. */
  public Optional<Spot> spot() {
    return Optional.ofNullable(spot);
  }

  /** {@code memory.high} set on it, in bytes. */
  public OptionalLong memoryHigh() {
    return memoryHigh;
  }

  /**
   * The file an encode's process writes its pid to, to join; made again first if someone removed
   * the cgroup (another node on this host shutting down, say). Empty without a cgroup.
   */
  public synchronized Optional<Path> joinFile() {
    if (spot == null) {
      return Optional.empty();
    }
    Path dir = spot.dir();
    if (!Files.isDirectory(dir)) {
      try {
        mkdir(dir);
        makeIdle(dir, spot.hierarchy().version());
      } catch (IOException e) {
        Log.warnf("The idle cgroup %s is gone and cannot be made again: %s", dir, e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.of(dir.resolve("cgroup.procs"));
  }

  /**
   * Moves the process {@code pid} into the cgroup when the launch did not (all its threads move
   * with it); a process that has exited is left alone.
   */
  public void ensureJoined(long pid) {
    if (spot == null) {
      return;
    }
    Path procs = spot.dir().resolve("cgroup.procs");
    try {
      if (spot.path().equals(cgroupOf(pid, spot.hierarchy().version()))) {
        return;
      }
      write(procs, Long.toString(pid));
      Log.infof("Encode pid %d moved into the idle cgroup %s after its start", pid, spot.path());
    } catch (IOException e) {
      Log.warnf(
          "Encode pid %d could not join the idle cgroup %s: %s", pid, spot.path(), e.getMessage());
    }
  }

  /** The cgroup of {@code pid} in the cpu hierarchy of {@code version}, from /proc/PID/cgroup. */
  static String cgroupOf(long pid, CgroupVersion version) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3
          && (version == CgroupVersion.V2
              ? parts[0].equals("0") && parts[1].isEmpty()
              : List.of(parts[1].split(",")).contains("cpu"))) {
        return parts[2];
      }
    }
    return "/";
  }

  /**
   * Removes the cgroup at shutdown when no process is left in it: one this node names itself (a
   * crashed run's is reused, then removed), or a configured one this node made.
   */
  public synchronized void remove() {
    if (spot == null || (spot.origin() == Origin.CONFIGURED && !made)) {
      return;
    }
    try {
      Files.deleteIfExists(spot.dir());
    } catch (IOException e) {
      Log.infof("The idle cgroup %s stays: %s", spot.dir(), e.getMessage());
    }
  }
}
