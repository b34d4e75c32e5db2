package io.optimizarr.monitor.host;

import java.util.List;
import java.util.Set;

/** Cumulative block-device traffic summed over whole disks, from {@code /proc/diskstats}. */
public record BlockDeviceCounters(long readBytes, long writeBytes, long reads, long writes) {

  // /proc/diskstats counts sectors of 512 bytes whatever the device's own sector size.
  private static final long SECTOR_BYTES = 512;

  /**
   * Sums the rows of the named whole disks; partitions, loop and RAM devices are left out by the
   * caller's choice of {@code disks} so that no byte is counted twice.
   */
  public static BlockDeviceCounters parse(List<String> diskstatsLines, Set<String> disks) {
    long readBytes = 0;
    long writeBytes = 0;
    long reads = 0;
    long writes = 0;
    for (String line : diskstatsLines) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 10 || !disks.contains(f[2])) {
        continue;
      }
      reads += Long.parseLong(f[3]);
      readBytes += Long.parseLong(f[5]) * SECTOR_BYTES;
      writes += Long.parseLong(f[7]);
      writeBytes += Long.parseLong(f[9]) * SECTOR_BYTES;
    }
    return new BlockDeviceCounters(readBytes, writeBytes, reads, writes);
  }

  /**
   * The whole disks among the names in {@code /sys/block}: loop, RAM, zram and device-mapper
   * devices only repeat traffic that a physical disk also counts, or none at all.
   */
  public static boolean isPhysicalDisk(String blockDeviceName) {
    return !(blockDeviceName.startsWith("loop")
        || blockDeviceName.startsWith("ram")
        || blockDeviceName.startsWith("zram")
        || blockDeviceName.startsWith("dm-")
        || blockDeviceName.startsWith("md"));
  }
}
