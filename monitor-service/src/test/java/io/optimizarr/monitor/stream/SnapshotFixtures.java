package io.optimizarr.monitor.stream;

import io.optimizarr.model.CpuUsage;
import io.optimizarr.model.DiskIo;
import io.optimizarr.model.MemoryUsage;
import io.optimizarr.model.NetworkIo;
import io.optimizarr.model.ResourceSnapshot;
import java.time.Instant;
import java.util.List;

final class SnapshotFixtures {

  private SnapshotFixtures() {}

  static ResourceSnapshot snapshot(long seq, Instant at) {
    return new ResourceSnapshot(
        seq,
        at,
        "test-host",
        1.0,
        new CpuUsage(10.0, List.of(10.0), 1, 0.5, null, 3.0, null),
        new MemoryUsage(100, 50, 50, 50.0, 0, 0),
        List.of(),
        new DiskIo(0, 0, 0, 0, 0, 0),
        new NetworkIo(0, 0, 0, 0),
        List.of());
  }
}
