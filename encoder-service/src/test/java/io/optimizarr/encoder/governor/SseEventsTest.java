package io.optimizarr.encoder.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SseEventsTest {

  private static SseEvents of(String text) {
    return new SseEvents(new BufferedReader(new StringReader(text)));
  }

  @Test
  void shouldReadTheDataOfEachEventWhateverTheLineEnds() throws IOException {
    var events =
        of(
            ": comment\nevent: snapshot\nid: 1\ndata: {\"a\":1}\n\n"
                + "data:{\"b\":2}\r\n\r\n"
                + "retry: 10\r\r"
                + "data: one\ndata: two\n\n"
                + "data: unfinished");
    assertThat(events.next()).isEqualTo(new SseEvents.Event("snapshot", "{\"a\":1}"));
    assertThat(events.next()).isEqualTo(new SseEvents.Event("message", "{\"b\":2}"));
    assertThat(events.next()).isEqualTo(new SseEvents.Event("message", "one\ntwo"));
    assertThat(events.next()).isNull();
  }

  @Test
  void shouldNameEachEventByItsOwnEventLineOnly() throws IOException {
    var events =
        of(
            "event:pulse\ndata: 1\n\n"
                + "data: 2\n\n"
                + "event: snapshot\n\n" // no data: no event, and its name is forgotten
                + "data: 3\n\n");
    assertThat(events.next()).isEqualTo(new SseEvents.Event("pulse", "1"));
    assertThat(events.next()).isEqualTo(new SseEvents.Event("message", "2"));
    assertThat(events.next()).isEqualTo(new SseEvents.Event("message", "3"));
  }

  @Test
  void shouldRefuseALineOrAnEventTooLongToBeASnapshot() {
    String huge = "x".repeat(SseEvents.MAX_EVENT_CHARS + 1);
    assertThatThrownBy(() -> of(huge).next()).hasMessageContaining("a line of more than");
    String manyLines = ("data: " + "y".repeat(1000) + "\n").repeat(1100);
    assertThatThrownBy(() -> of(manyLines).next()).hasMessageContaining("an event of more than");
  }
}
