package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockDeviceCountersTest {

  // Recorded /proc/diskstats: a virtio disk with a partition, a loop device and an NVMe disk.
  private static final String DISKSTATS =
      """
       254       0 vda 21490 6107 1602498 9531 140357 101833 4719744 135126 0 98200 147094 0 0 0 0 1250 2436
       254       1 vda1 21388 6107 1596682 9498 140357 101833 4719744 135126 0 98176 144625 0 0 0 0 0 0
         7       0 loop0 42 0 344 5 0 0 0 0 0 16 5 0 0 0 0 0 0
       259       0 nvme0n1 1000 0 2000 100 500 0 4000 50 0 200 150 0 0 0 0 0 0
      """;

  @Test
  void shouldSumWholeDisksOnlyInBytes() {
    var counters = BlockDeviceCounters.parse(DISKSTATS.lines().toList(), Set.of("vda", "nvme0n1"));

    assertThat(counters.reads()).isEqualTo(21490 + 1000);
    assertThat(counters.readBytes()).isEqualTo((1602498L + 2000) * 512);
    assertThat(counters.writes()).isEqualTo(140357 + 500);
    assertThat(counters.writeBytes()).isEqualTo((4719744L + 4000) * 512);
  }

  @Test
  void shouldLeaveOutVirtualBlockDevices() {
    assertThat(BlockDeviceCounters.isPhysicalDisk("vda")).isTrue();
    assertThat(BlockDeviceCounters.isPhysicalDisk("nvme0n1")).isTrue();
    assertThat(BlockDeviceCounters.isPhysicalDisk("loop0")).isFalse();
    assertThat(BlockDeviceCounters.isPhysicalDisk("dm-0")).isFalse();
    assertThat(BlockDeviceCounters.isPhysicalDisk("zram0")).isFalse();
  }
}
