package io.optimizarr.encoder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuAffinityTest {

  @Test
  void shouldParseCoresAndRanges() {
    var affinity = CpuAffinity.parse(" 0-3, 6 ,8-9", 16);

    assertThat(affinity.toCpuList()).isEqualTo("0-3,6,8-9");
    assertThat(affinity.mask(1)[0]).isEqualTo(0b11_0100_1111L);
  }

  @Test
  void shouldMeanEveryCoreWhenEmpty() {
    assertThat(CpuAffinity.parse("", 4).toCpuList()).isEqualTo("0-3");
    assertThat(CpuAffinity.parse(null, 1).toCpuList()).isEqualTo("0");
  }

  @Test
  void shouldRefuseCoresTheHostDoesNotHave() {
    assertThat(CpuAffinity.problem("0-4", 4))
        .hasValue("core 4 does not exist: this host has cores 0-3");
    assertThat(CpuAffinity.problem("0-3", 4)).isEmpty();
  }

  @Test
  void shouldRefuseMalformedLists() {
    assertThatThrownBy(() -> CpuAffinity.parse("0-", 4)).hasMessageContaining("'0-'");
    assertThatThrownBy(() -> CpuAffinity.parse("a", 4)).hasMessageContaining("'a'");
    assertThatThrownBy(() -> CpuAffinity.parse("3-1", 4)).hasMessageContaining("backwards");
    assertThatThrownBy(() -> CpuAffinity.parse("0,,1", 4)).hasMessageContaining("''");
  }

  @Test
  void shouldSetBitsBeyondTheFirstWord() {
    long[] mask = CpuAffinity.parse("64,127", 128).mask(2);

    assertThat(mask[0]).isZero();
    assertThat(mask[1]).isEqualTo(1L | (1L << 63));
  }
}
