package io.optimizarr.encoder.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathMappingsTest {

  @Test
  void shouldMapByTheLongestWholeNamePrefix() {
    var mappings =
        PathMappings.parse(List.of("/tv=/srv/media/tv", "/tv/kids/=/srv/kids", "/data=/"));

    assertThat(mappings.map("/tv/Show/e1.mkv")).contains("/srv/media/tv/Show/e1.mkv");
    assertThat(mappings.map("/tv/kids/Show/e1.mkv")).contains("/srv/kids/Show/e1.mkv");
    assertThat(mappings.map("/tv")).contains("/srv/media/tv");
    assertThat(mappings.map("/data/films/a.mkv")).contains("/films/a.mkv");
    assertThat(mappings.map("/tvshows/e1.mkv")).as("not a whole name").isEmpty();
    assertThat(mappings.map("/movies/a.mkv")).isEqualTo(Optional.empty());
  }

  @Test
  void shouldTakePathsAsTheyAreWithoutMappings() {
    assertThat(PathMappings.parse(List.of()).map("/any/where.mkv")).contains("/any/where.mkv");
  }

  @Test
  void shouldRefuseAnEntryThatIsNotTwoAbsolutePathsNamingIt() {
    for (String bad : List.of("/tv", "tv=/srv/tv", "/tv=srv", "=/srv")) {
      assertThatThrownBy(() -> PathMappings.parse(List.of("/ok=/ok", bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
    }
  }
}
