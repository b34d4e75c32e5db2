package io.optimizarr.encoder.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.process.CgroupLayout.CpuHierarchy;
import io.optimizarr.encoder.process.EncodeCgroup.Origin;
import io.optimizarr.encoder.process.EncodeCgroup.Spot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the cpu controller's cgroups are (real /proc text), where the encodes' cgroup may go, and
 * the cgroups above it read from a made-up cgroup tree.
 */
class CgroupLayoutTest {

  /** A host with v1 controllers and a v2 mount without any (this machine). */
  static final List<String> HYBRID_MOUNTS =
      """
      1290 1289 0:171 / /sys/fs/cgroup rw,nosuid - tmpfs tmpfs rw,mode=755
      1291 1290 0:35 / /sys/fs/cgroup/cpu rw,nosuid,nodev,noexec,relatime - cgroup cgroup rw,cpu
      1292 1290 0:36 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
      1297 1290 0:41 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
      """
          .lines()
          .toList();

  static final List<String> HYBRID_CGROUP =
      """
      4:memory:/process_api/9d91
      2:cpuacct:/
      1:cpu:/
      0::/
      """
          .lines()
          .toList();

  /** A systemd host on the unified hierarchy, the service in its own cgroup. */
  static final List<String> UNIFIED_MOUNTS =
      List.of(
          "35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2"
              + " rw,nsdelegate,memory_recursiveprot");

  static final List<String> UNIFIED_CGROUP = List.of("0::/system.slice/optimizarr-encoder.service");

  @Test
  void shouldFindTheV1CpuHierarchyWhereTheUnifiedOneHasNoCpu() {
    CgroupLayout layout = CgroupLayout.parse(HYBRID_MOUNTS, HYBRID_CGROUP, Set.of("hugetlb"));

    assertThat(layout.cpu())
        .contains(new CpuHierarchy(CgroupVersion.V1, Path.of("/sys/fs/cgroup/cpu"), "/"));
  }

  @Test
  void shouldFindTheUnifiedHierarchyAndTheServicesCgroupInIt() {
    CgroupLayout layout =
        CgroupLayout.parse(UNIFIED_MOUNTS, UNIFIED_CGROUP, Set.of("cpu", "memory", "io"));

    CpuHierarchy cpu = layout.cpu().orElseThrow();
    assertThat(cpu.version()).isEqualTo(CgroupVersion.V2);
    assertThat(cpu.own()).isEqualTo("/system.slice/optimizarr-encoder.service");
    assertThat(cpu.dir("/optimizarr-encodes"))
        .isEqualTo(Path.of("/sys/fs/cgroup/optimizarr-encodes"));
    assertThat(cpu.pathOf(Path.of("/sys/fs/cgroup/a.slice/b"))).contains("/a.slice/b");
    assertThat(cpu.pathOf(Path.of("/tmp/b"))).isEmpty();
    assertThat(CgroupLayout.parse(UNIFIED_MOUNTS, UNIFIED_CGROUP, Set.of()).cpu()).isEmpty();
  }

  @Test
  void shouldTryTheTopThenADelegatedSubtree() {
    CgroupLayout unified =
        CgroupLayout.parse(UNIFIED_MOUNTS, UNIFIED_CGROUP, Set.of("cpu", "memory"));
    String service = "/system.slice/optimizarr-encoder.service";

    assertThat(EncodeCgroup.spots("auto", "optimizarr-encodes", unified))
        .extracting(Spot::origin, Spot::path, Spot::serviceLeaf)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Origin.TOP, "/optimizarr-encodes", Optional.empty()),
            org.assertj.core.groups.Tuple.tuple(
                Origin.DELEGATED, service + "/encodes", Optional.of(service + "/service")));
    CgroupLayout hybrid = CgroupLayout.parse(HYBRID_MOUNTS, HYBRID_CGROUP, Set.of());
    assertThat(EncodeCgroup.spots("auto", "optimizarr-encodes", hybrid))
        .extracting(Spot::origin)
        .containsExactly(Origin.TOP);
    assertThat(EncodeCgroup.spots("none", "optimizarr-encodes", unified)).isEmpty();
    assertThat(EncodeCgroup.spots("/sys/fs/cgroup/optimizarr.slice/encodes", "x", unified))
        .extracting(Spot::origin, Spot::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Origin.CONFIGURED, "/optimizarr.slice/encodes"));
    assertThat(EncodeCgroup.spots("/elsewhere/encodes", "x", unified))
        .as("a folder outside the cpu hierarchy")
        .isEmpty();
  }

  @Test
  void shouldReadTheCgroupsAboveTheEncodesAsTheCpuControllerSeesThem(@TempDir Path root)
      throws Exception {
    Path service = Files.createDirectories(root.resolve("system.slice/optimizarr-encoder.service"));
    Files.writeString(root.resolve("system.slice/cpu.weight"), "100\n");
    Files.writeString(root.resolve("system.slice/cpu.idle"), "0\n");
    Files.writeString(service.resolve("cpu.weight"), "5\n");
    Path encodes = Files.createDirectories(service.resolve("encodes"));
    Files.writeString(encodes.resolve("cpu.weight"), "100\n");
    Files.writeString(encodes.resolve("cpu.idle"), "1\n");
    // Below encodes the cpu controller is not enabled: no weight of its own.
    Files.createDirectories(encodes.resolve("inner"));
    var cpu = new CpuHierarchy(CgroupVersion.V2, root, "/system.slice/optimizarr-encoder.service");

    assertThat(NodePlacement.levels(cpu, "/system.slice/optimizarr-encoder.service/encodes/inner"))
        .containsExactly(
            new Placement.Level("/system.slice", CpuStanding.FULL_WEIGHT, 100),
            new Placement.Level(
                "/system.slice/optimizarr-encoder.service", CpuStanding.LOW_WEIGHT, 5),
            new Placement.Level(
                "/system.slice/optimizarr-encoder.service/encodes", CpuStanding.IDLE, 100));
    assertThat(NodePlacement.autogroupNice("/autogroup-107 nice 19")).isEqualTo(19);
  }
}
