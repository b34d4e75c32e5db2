package io.optimizarr.encoder.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.encoder.process.EncodeCgroup.Origin;
import io.optimizarr.encoder.process.Placement.Level;
import io.optimizarr.encoder.process.Placement.Protection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The placement report's judgement on made-up hosts. */
class PlacementTest {

  private static Placement.Facts inCgroup(
      boolean idleClass, Origin origin, boolean container, Level... levels) {
    return new Placement.Facts(
        idleClass,
        true,
        true,
        0,
        Optional.of(CgroupVersion.V2),
        levels[levels.length - 1].path(),
        Optional.ofNullable(origin),
        List.of(levels),
        OptionalLong.empty(),
        container);
  }

  private static Placement.Facts inRoot(boolean idleClass, boolean autogroups, boolean container) {
    return new Placement.Facts(
        idleClass,
        autogroups,
        autogroups,
        0,
        Optional.of(CgroupVersion.V1),
        "/",
        Optional.empty(),
        List.of(),
        OptionalLong.empty(),
        container);
  }

  private static Level full(String path) {
    return new Level(path, CpuStanding.FULL_WEIGHT, 100);
  }

  private static Level idle(String path) {
    return new Level(path, CpuStanding.IDLE, 100);
  }

  @Test
  void shouldWarnWhenTheServiceAboveAnIdleCgroupCompetesAtEqualWeight() {
    Placement p =
        Placement.judge(
            inCgroup(
                true,
                Origin.DELEGATED,
                false,
                full("/system.slice"),
                full("/system.slice/optimizarr-encoder.service"),
                idle("/system.slice/optimizarr-encoder.service/encodes")));

    assertThat(p.protection()).isEqualTo(Protection.EQUAL_WEIGHT);
    assertThat(p.competing()).isEqualTo("/system.slice");
    assertThat(p.cgroup().standing()).isEqualTo(CpuStanding.IDLE);
    assertThat(p.warning())
        .contains("/system.slice/optimizarr-encoder.service/encodes, which is idle,")
        .contains("/system.slice above them competes at equal weight (weight 100)");
    assertThat(p.fix()).contains("deploy/systemd/", "OPTIMIZARR_ENCODE_CGROUP");
    assertThat(p.autogroup().takesEffect()).as("not in the root cgroup").isFalse();
  }

  @Test
  void shouldFindNothingCompetingForAnIdleCgroupAtTheTop() {
    Placement p = Placement.judge(inCgroup(true, Origin.TOP, false, idle("/optimizarr-encodes")));

    assertThat(p.protection()).isEqualTo(Protection.IDLE_CGROUP);
    assertThat(p.competing()).isNull();
    assertThat(p.warning()).isNull();
    assertThat(p.fix()).isNull();
    assertThat(p.summary()).contains("/optimizarr-encodes, which is idle against everything");
    assertThat(p.cgroup().origin()).isEqualTo(Origin.TOP);
  }

  @Test
  void shouldFindADelegatedSubtreeUnderAnIdleSliceProtected() {
    Placement p =
        Placement.judge(
            inCgroup(
                true,
                Origin.DELEGATED,
                false,
                new Level("/optimizarr.slice", CpuStanding.LOW_WEIGHT, 1),
                full("/optimizarr.slice/optimizarr-encoder.service"),
                idle("/optimizarr.slice/optimizarr-encoder.service/encodes")));

    assertThat(p.protection()).isEqualTo(Protection.IDLE_CGROUP);
    assertThat(p.summary()).contains("under /optimizarr.slice, which is of low weight");
    assertThat(p.warning()).isNull();
  }

  @Test
  void shouldWarnOfACgroupThatIsNotIdleAndSayToSwitchModeInNiceMode() {
    Placement p =
        Placement.judge(
            inCgroup(false, null, false, full("/user.slice"), full("/user.slice/session-1.scope")));

    assertThat(p.protection()).isEqualTo(Protection.EQUAL_WEIGHT);
    assertThat(p.warning()).contains("session-1.scope, which is not idle,");
    assertThat(p.fix()).startsWith("set priorityMode to IDLE, and run the encoder under");
    assertThat(p.cgroup().origin()).isNull();
  }

  @Test
  void shouldCountTheAutogroupOnlyInTheRootCgroup() {
    Placement idle = Placement.judge(inRoot(true, true, false));
    assertThat(idle.protection()).isEqualTo(Protection.AUTOGROUP);
    assertThat(idle.autogroup()).isEqualTo(new Placement.Autogroup(true, true, 19, true));
    assertThat(idle.warning()).isNull();

    Placement nice = Placement.judge(inRoot(false, true, false));
    assertThat(nice.protection()).isEqualTo(Protection.EQUAL_WEIGHT);
    assertThat(nice.autogroup().nice()).as("this service's own autogroup").isZero();
    assertThat(nice.warning()).contains("encodes share this service's autogroup (nice 0)");
    assertThat(nice.fix()).contains("priorityMode to IDLE");
  }

  @Test
  void shouldRelyOnTheIdleClassWithoutAutogroupsOrCgroup() {
    Placement p = Placement.judge(inRoot(true, false, false));

    assertThat(p.protection()).isEqualTo(Protection.IDLE_CLASS);
    assertThat(p.autogroup().takesEffect()).isFalse();
    assertThat(p.warning()).isNull();
    assertThat(Placement.judge(inRoot(false, false, false)).protection())
        .isEqualTo(Protection.NICE_LEVEL);
  }

  @Test
  void shouldTellAContainerToWeighLittleAgainstTheOthers() {
    Placement hidden = Placement.judge(inRoot(true, true, true));
    assertThat(hidden.protection()).isEqualTo(Protection.CONTAINER);
    assertThat(hidden.autogroup().takesEffect())
        .as("the container's cgroup is no root, whatever it looks like from inside")
        .isFalse();
    assertThat(hidden.fix()).contains("--cpu-shares=2", "small CPU request");

    Placement seen =
        Placement.judge(
            inCgroup(
                true,
                Origin.TOP,
                true,
                new Level("/kubepods.slice", CpuStanding.FULL_WEIGHT, 8192),
                new Level("/kubepods.slice/pod1", CpuStanding.FULL_WEIGHT, 1024),
                idle("/kubepods.slice/pod1/optimizarr-encodes")));
    assertThat(seen.protection()).isEqualTo(Protection.EQUAL_WEIGHT);
    assertThat(seen.competing()).isEqualTo("/kubepods.slice");
    assertThat(seen.fix()).contains("small CPU request");
  }
}
