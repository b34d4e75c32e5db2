package io.optimizarr.encoder.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The minimum saving, judged from the two sizes alone. */
class OutputCheckTest {

  @Test
  void shouldKeepAnyOutputWithoutAMinimum() {
    assertThat(OutputCheck.savesTooLittle(1_000, 999, null)).isEmpty();
  }

  @Test
  void shouldKeepAnOutputThatSavesTheMinimumExactly() {
    assertThat(OutputCheck.savesTooLittle(1_000, 900, 10)).isEmpty();
  }

  @Test
  void shouldSayBothSizesAndTheShareOfAnOutputThatSavesTooLittle() {
    assertThat(OutputCheck.savesTooLittle(1_000_000, 950_000, 10))
        .hasValue(
            "the output (950,000 bytes) saves 5.0% of the input (1,000,000 bytes), less than the"
                + " profile's minimum of 10%");
  }

  @Test
  void shouldCountALargerOutputAsSavingLessThanNothing() {
    assertThat(OutputCheck.savesTooLittle(1_000, 1_500, 1)).get().asString().contains("-50.0%");
  }
}
