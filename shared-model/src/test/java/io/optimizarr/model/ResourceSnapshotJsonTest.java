package io.optimizarr.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceSnapshotJsonTest {

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static ResourceSnapshot snapshotWithGpu() {
    var gpu =
        new GpuUsage(
            0,
            "NVIDIA H100 80GB HBM3",
            "GPU-5f0e2a3b",
            "nvidia",
            37.0,
            1_073_741_824L,
            85_899_345_920L,
            41.0,
            72.5,
            null,
            0.0,
            List.of(
                new GpuProcess(4145, 31.0, 0.0, 0.0, 924_844_032L, 0),
                new GpuProcess(5210, 6.0, 42.0, 11.0, 318_767_104L, 1)));
    return new ResourceSnapshot(
        42,
        Instant.parse("2026-11-26T10:15:30.250Z"),
        "media-box",
        1.0,
        new CpuUsage(55.5, List.of(60.0, 51.0), 2, 1.25, null, 12.5, 20.0),
        new MemoryUsage(8_000, 6_000, 2_000, 25.0, 0, 0),
        List.of(gpu),
        new DiskIo(1_000, 2_000, 10, 20, 100.0, 200.0),
        new NetworkIo(3_000, 4_000, 300.0, 400.0),
        List.of(new ProcessUsage(1234, 12.5, 40_960, "R")));
  }

  @Test
  void shouldSurviveAJsonRoundTrip() throws Exception {
    var snapshot = snapshotWithGpu();

    var back = json.readValue(json.writeValueAsString(snapshot), ResourceSnapshot.class);

    assertThat(back).isEqualTo(snapshot);
  }

  @Test
  void shouldWriteUnknownFiguresAsNullNeverAsSentinels() throws Exception {
    JsonNode tree = json.readTree(json.writeValueAsString(snapshotWithGpu()));

    assertThat(tree.at("/cpu/temperatureCelsius").isNull()).isTrue();
    assertThat(tree.at("/gpus/0/encoderUtilizationPercent").isNull()).isTrue();
    assertThat(tree.at("/gpus/0/decoderUtilizationPercent").asDouble()).isZero();
    assertThat(tree.at("/timestamp").asText()).isEqualTo("2026-11-26T10:15:30.250Z");
    assertThat(tree.at("/cpu/perCorePercent").size()).isEqualTo(2);
  }

  @Test
  void shouldReadAGpuWithoutProcessesAsOneWhoseDriverCannotSay() throws Exception {
    JsonNode tree = json.readTree(json.writeValueAsString(snapshotWithGpu()));
    ((ObjectNode) tree.at("/gpus/0")).remove("processes");

    var back = json.readValue(tree.toString(), ResourceSnapshot.class);

    assertThat(back.gpus().get(0).processes()).as("a monitor older than the field").isNull();
    assertThat(back.gpus().get(0).utilizationPercent()).isEqualTo(37.0);
  }

  @Test
  void shouldWriteTheProcessesOfAGpuWithTheirOwnFigures() throws Exception {
    JsonNode tree = json.readTree(json.writeValueAsString(snapshotWithGpu()));

    assertThat(tree.at("/gpus/0/processes/1/pid").asLong()).isEqualTo(5210);
    assertThat(tree.at("/gpus/0/processes/1/encoderPercent").asDouble()).isEqualTo(42.0);
    assertThat(tree.at("/gpus/0/processes/1/encoderSessions").asInt()).isEqualTo(1);
    assertThat(tree.at("/gpus/0/processes/0/memoryBytes").asLong()).isEqualTo(924_844_032L);
  }

  @Test
  void shouldWriteAnEmptyGpuListWhenTheHostHasNone() throws Exception {
    var noGpu =
        new ResourceSnapshot(
            1,
            Instant.EPOCH,
            "h",
            1.0,
            new CpuUsage(0, null, 1, null, null, null, null),
            new MemoryUsage(1, 1, 0, 0, 0, 0),
            null,
            new DiskIo(0, 0, 0, 0, 0, 0),
            new NetworkIo(0, 0, 0, 0),
            null);

    JsonNode tree = json.readTree(json.writeValueAsString(noGpu));

    assertThat(tree.get("gpus").isArray()).isTrue();
    assertThat(tree.get("gpus")).isEmpty();
    assertThat(tree.get("processes")).isEmpty();
    assertThat(json.readValue(tree.toString(), ResourceSnapshot.class)).isEqualTo(noGpu);
  }

  @Test
  void shouldWriteAPulseAsItsFewFiguresAndReadItBack() throws Exception {
    var pulse = new CpuPulse(7, Instant.parse("2026-12-01T23:00:00.200Z"), 0.2, 97.5, null);

    JsonNode tree = json.readTree(json.writeValueAsString(pulse));

    assertThat(tree.at("/stalledPercent").isNull()).as("no PSI: null, not -1").isTrue();
    assertThat(tree.at("/usagePercent").asDouble()).isEqualTo(97.5);
    assertThat(json.readValue(tree.toString(), CpuPulse.class)).isEqualTo(pulse);
  }

  @Test
  void shouldNotLetCallersChangeItsLists() {
    var cores = new ArrayList<>(List.of(1.0, 2.0));
    var cpu = new CpuUsage(1.5, cores, 2, null, null, null, null);
    cores.add(3.0);

    assertThat(cpu.perCorePercent()).containsExactly(1.0, 2.0);
    assertThatThrownBy(() -> cpu.perCorePercent().add(4.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void shouldReplaceProcessesOnly() {
    var snapshot = snapshotWithGpu();

    var other = snapshot.withProcesses(List.of());

    assertThat(other.processes()).isEmpty();
    assertThat(other.withProcesses(snapshot.processes())).isEqualTo(snapshot);
  }
}
