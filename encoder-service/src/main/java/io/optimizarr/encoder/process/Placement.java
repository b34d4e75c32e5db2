package io.optimizarr.encoder.process;

import io.optimizarr.encoder.process.EncodeCgroup.Origin;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What protects the machine from this node's encodes (docs/ENCODER.md, the placement report): the
 * idle class, the autogroup, the cgroup they run in and whether anything above it competes at equal
 * weight, with a plain warning and the fix where encodes would take an equal share. {@link #judge}
 * is pure; {@link NodePlacement} reads what it judges.
 *
 * <p>The kernel shares the CPU level by level: between the cgroups at each level by their weight
 * (an idle one only gets what its siblings leave), inside one by the threads' nice levels and
 * policies. Autogroups (a group per session) apply only to tasks in the root cgroup. So an idle
 * cgroup protects against everything outside the topmost cgroup it sits in only if that topmost one
 * is idle or of low weight too.
 *
 * @param idleClass whether encodes start in the idle class ({@code priorityMode} IDLE)
 * @param cgroup the cgroup encodes run in
 * @param ancestors the cgroups from the top of the hierarchy (a child of the root) down to the
 *     encodes' own, as the CPU controller sees them; empty in the root cgroup
 * @param competing the topmost of those when it competes at equal weight; null when none does
 * @param container whether this node runs in a container (whose own cgroup's weight its runtime
 *     sets)
 * @param warning what would let encodes take an equal share of the CPU; null when nothing would
 * @param fix what to change; null without a warning
 */
public record Placement(
    boolean idleClass,
    Autogroup autogroup,
    Cgroup cgroup,
    List<Level> ancestors,
    String competing,
    boolean container,
    Protection protection,
    String summary,
    String warning,
    String fix) {

  /** What mainly keeps encodes out of others' way. */
  public enum Protection {
    /** An idle or low-weight cgroup at the top of the hierarchy: idle against everything. */
    IDLE_CGROUP,
    /** In the root cgroup, a session of its own whose autogroup is at nice 19. */
    AUTOGROUP,
    /** In the root cgroup without autogroups: the idle class against every other task. */
    IDLE_CLASS,
    /** In the root cgroup without autogroups: the nice level against every other task. */
    NICE_LEVEL,
    /** A cgroup or autogroup above the encodes competes at equal weight: a warning. */
    EQUAL_WEIGHT,
    /** In a container whose own weight this node cannot see: a warning. */
    CONTAINER
  }

  /**
   * @param available whether the kernel has autogroups ({@code /proc/self/autogroup})
   * @param enabled {@code kernel.sched_autogroup_enabled}
   * @param nice the nice level of the encodes' autogroup: 19 for a session of their own (IDLE),
   *     this service's autogroup's otherwise
   * @param takesEffect whether it counts: only for tasks in the root cgroup
   */
  public record Autogroup(boolean available, boolean enabled, int nice, boolean takesEffect) {}

  /**
   * @param version null where no cpu controller was found
   * @param path the cgroup in the cpu hierarchy ({@code /} for the root)
   * @param origin how the node got it; null when encodes run in this service's own cgroup
   * @param standing how it competes with its siblings; null for the root
   * @param memoryHighBytes its {@code memory.high}; null when not set by this node
   */
  public record Cgroup(
      CgroupVersion version,
      String path,
      Origin origin,
      CpuStanding standing,
      Long memoryHighBytes) {}

  /**
   * One cgroup on the way down.
   *
   * @param weight its {@code cpu.weight} (v2, default 100) or {@code cpu.shares} (v1, default
   *     1024); null when unreadable
   */
  public record Level(String path, CpuStanding standing, Integer weight) {}

  /**
   * What was read, for {@link #judge}.
   *
   * @param serviceAutogroupNice the nice level of this service's own autogroup
   * @param version the cpu hierarchy's; empty without one
   * @param cgroupPath the cgroup encodes run in ({@code /} for the root)
   * @param origin how the node got it; empty when it is this service's own
   * @param levels as {@link Placement#ancestors}
   */
  public record Facts(
      boolean idleClass,
      boolean autogroupAvailable,
      boolean autogroupEnabled,
      int serviceAutogroupNice,
      Optional<CgroupVersion> version,
      String cgroupPath,
      Optional<Origin> origin,
      List<Level> levels,
      OptionalLong memoryHigh,
      boolean container) {}

  private static final String SYSTEMD_FIX =
      "run the encoder under the shipped systemd units (deploy/systemd/), which give encodes a"
          + " cgroup with CPUWeight=idle, or set OPTIMIZARR_ENCODE_CGROUP to an idle cgroup at the"
          + " top of the hierarchy (run as root, the encoder makes optimizarr-encodes there itself)";

  private static final String CONTAINER_FIX =
      "give the container low CPU shares (docker run --cpu-shares=2) or, in Kubernetes, a small"
          + " CPU request and no CPU limit, so that the container itself weighs little against the"
          + " others";

  private static final String IDLE_FIX = "set priorityMode to IDLE, and ";

  /** The report on {@code facts}. Pure. */
  public static Placement judge(Facts f) {
    boolean inRoot = f.levels().isEmpty();
    int agNice = f.idleClass() ? 19 : f.serviceAutogroupNice();
    boolean agCounts = f.autogroupAvailable() && f.autogroupEnabled() && inRoot && !f.container();
    var autogroup = new Autogroup(f.autogroupAvailable(), f.autogroupEnabled(), agNice, agCounts);
    CpuStanding standing = inRoot ? null : f.levels().get(f.levels().size() - 1).standing();
    var cgroup =
        new Cgroup(
            f.version().orElse(null),
            f.cgroupPath(),
            f.origin().orElse(null),
            standing,
            f.memoryHigh().isPresent() ? f.memoryHigh().getAsLong() : null);
    String idleFix = f.idleClass() ? "" : IDLE_FIX;
    String where = "encodes run in the cgroup " + f.cgroupPath();
    if (!inRoot && !f.levels().get(0).standing().yields()) {
      Level top = f.levels().get(0);
      String self =
          f.levels().size() == 1
              ? ""
              : standing.yields() ? ", which is " + words(standing) + "," : ", which is not idle,";
      return new Placement(
          f.idleClass(),
          autogroup,
          cgroup,
          f.levels(),
          top.path(),
          f.container(),
          Protection.EQUAL_WEIGHT,
          where + ".",
          "encodes run in "
              + f.cgroupPath()
              + self
              + " but "
              + top.path()
              + " above them competes at equal weight (weight "
              + top.weight()
              + ") with the other cgroups at its level: a program outside it gets only an equal"
              + " share of the CPU while encodes run",
          idleFix + (f.container() ? CONTAINER_FIX : SYSTEMD_FIX));
    }
    if (f.container()) {
      return new Placement(
          f.idleClass(),
          autogroup,
          cgroup,
          f.levels(),
          null,
          true,
          Protection.CONTAINER,
          where + ", inside this node's container.",
          "this node runs in a container: its encodes compete with the other containers at the"
              + " container's own CPU weight, which this node cannot see",
          idleFix + CONTAINER_FIX);
    }
    if (!inRoot) {
      return new Placement(
          f.idleClass(),
          autogroup,
          cgroup,
          f.levels(),
          null,
          false,
          Protection.IDLE_CGROUP,
          where
              + ", under "
              + f.levels().get(0).path()
              + ", which is "
              + words(f.levels().get(0).standing())
              + " against everything at its level: others keep their CPU.",
          null,
          null);
    }
    if (agCounts && f.idleClass()) {
      return new Placement(
          true,
          autogroup,
          cgroup,
          f.levels(),
          null,
          false,
          Protection.AUTOGROUP,
          "encodes run in the root cgroup, each in a session of its own whose autogroup is at nice"
              + " 19 (weight 15 against 1024 for each other session), in the idle class.",
          null,
          null);
    }
    if (agCounts) {
      return new Placement(
          false,
          autogroup,
          cgroup,
          f.levels(),
          null,
          false,
          Protection.EQUAL_WEIGHT,
          "encodes run in this service's session, in the root cgroup.",
          "encodes share this service's autogroup (nice "
              + agNice
              + "), which competes at equal weight with every other session: their nice level"
              + " ranks them only against this service's own threads",
          "set priorityMode to IDLE, so that each encode runs in a session of its own at nice 19");
    }
    return new Placement(
        f.idleClass(),
        autogroup,
        cgroup,
        f.levels(),
        null,
        false,
        f.idleClass() ? Protection.IDLE_CLASS : Protection.NICE_LEVEL,
        f.idleClass()
            ? "encodes run in the root cgroup, without autogroups, in the idle class: they get only"
                + " the cycles no other task wants."
            : "encodes run in the root cgroup, without autogroups, at their nice level against"
                + " every other task.",
        null,
        null);
  }

  private static String words(CpuStanding standing) {
    return standing == CpuStanding.IDLE ? "idle" : "of low weight";
  }

  /** The report in one line for the log. */
  public String logLine() {
    return "Placement of encodes: "
        + protection
        + " — "
        + summary
        + (warning == null ? "" : " WARNING: " + warning + ". Fix: " + fix + ".");
  }
}
