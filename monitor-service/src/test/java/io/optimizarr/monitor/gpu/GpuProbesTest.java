package io.optimizarr.monitor.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.optimizarr.model.GpuUsage;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GpuProbesTest {

  private static GpuUsage gpu(int index, String vendor) {
    return new GpuUsage(
        index, vendor + " card", null, vendor, 1.0, null, null, null, null, null, null);
  }

  private static final class Fixed implements GpuProbe {
    private final String vendor;
    private final int count;
    int calls;
    boolean failing;

    Fixed(String vendor, int count) {
      this.vendor = vendor;
      this.count = count;
    }

    @Override
    public List<GpuUsage> sample() {
      calls++;
      if (failing) {
        throw new IllegalStateException("driver went away");
      }
      return IntStream.range(0, count).mapToObj(i -> gpu(i, vendor)).toList();
    }

    @Override
    public String name() {
      return vendor;
    }
  }

  @Test
  void shouldNumberTheGpusOfAllFamiliesFromZero() {
    var probes = new GpuProbes(List.of(new Fixed("nvidia", 2), new Fixed("amd", 1)));

    assertThat(probes.sample())
        .extracting(GpuUsage::index, GpuUsage::vendor)
        .containsExactly(tuple(0, "nvidia"), tuple(1, "nvidia"), tuple(2, "amd"));
  }

  @Test
  void shouldDropAFailingFamilyOnceAndKeepTheOthers() {
    var nvidia = new Fixed("nvidia", 1);
    var amd = new Fixed("amd", 1);
    var probes = new GpuProbes(List.of(nvidia, amd));
    nvidia.failing = true;

    assertThat(probes.sample()).extracting(GpuUsage::vendor).containsExactly("amd");
    assertThat(probes.sample()).extracting(GpuUsage::index).containsExactly(0);
    assertThat(nvidia.calls).as("a failed probe is not called again").isEqualTo(1);
    assertThat(probes.names()).containsExactly("amd");
  }

  @Test
  void shouldGiveAnEmptyListWithoutGpus() {
    assertThat(new GpuProbes(List.of()).sample()).isEmpty();
  }
}
