package io.optimizarr.monitor.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.optimizarr.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessReaderTest {

  @TempDir Path proc;

  @Test
  void shouldReadCpuMillisMemoryAndStateOfAProcess() throws IOException {
    Files.createDirectories(proc.resolve("4242"));
    Files.writeString(
        proc.resolve("4242/stat"),
        "4242 (ffmpeg) T 1 4242 4242 0 -1 4194304 130 0 0 0 150 25 0 0 39 19 4 0 39797 2990080"
            + " 406 18446744073709551615 0 0 0 0 0 0 0 6 0 1 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    Files.writeString(proc.resolve("4242/status"), "Name:\tffmpeg\nVmRSS:\t   40960 kB\n");
    var reader = new ProcessReader(new ProcFs(proc));

    assertThat(reader.read(4242)).contains(new ProcessReading(4242, 1750, 40960 * 1024L, "T"));
    assertThat(reader.read(4243)).isEmpty();
    assertThat(reader.read(0)).isEmpty();
    assertThat(reader.read(1L << 40)).isEmpty();
  }

  @Test
  void shouldNameOnlyTheStatesClientsActOn() {
    assertThat(ProcessReader.stateLetter('R')).isEqualTo("R");
    assertThat(ProcessReader.stateLetter('S')).isEqualTo("S");
    assertThat(ProcessReader.stateLetter('D')).isEqualTo("D");
    assertThat(ProcessReader.stateLetter('T')).isEqualTo("T");
    assertThat(ProcessReader.stateLetter('Z')).isEqualTo("Z");
    assertThat(ProcessReader.stateLetter('I')).as("an idle kernel thread").isEqualTo("?");
    assertThat(ProcessReader.stateLetter('t')).as("stopped by a tracer").isEqualTo("?");
  }
}
