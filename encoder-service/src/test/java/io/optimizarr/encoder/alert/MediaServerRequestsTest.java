package io.optimizarr.encoder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.optimizarr.encoder.alert.MediaServerRequests.Change;
import io.optimizarr.encoder.alert.MediaServerRequests.Update;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Media-server requests and what a completed job asks each to rescan. */
class MediaServerRequestsTest {

  /** A Plex answer to GET /library/sections with Accept: application/json, shortened. */
  static final String SECTIONS =
      "{\"MediaContainer\":{\"size\":3,\"allowSync\":false,\"Directory\":["
          + "{\"key\":\"1\",\"title\":\"Movies\",\"type\":\"movie\",\"Location\":[{\"id\":1,\"path\":\"/data/movies\"}]},"
          + "{\"key\":\"2\",\"title\":\"TV\",\"type\":\"show\",\"Location\":[{\"id\":2,\"path\":\"/data/tv\"},{\"id\":3,\"path\":\"/data/tv/anime/\"}]},"
          + "{\"key\":\"3\",\"title\":\"Anime\",\"type\":\"show\",\"Location\":[{\"id\":4,\"path\":\"/data/tv/anime\"}]}]}}";

  private final MediaServerRequests requests = new MediaServerRequests(new ObjectMapper());

  @Test
  void shouldPickThePlexLibraryWhoseFolderHoldsThePathMostClosely() {
    assertThat(requests.plexSection(SECTIONS, "/data/movies/Heat (1995)")).contains("1");
    assertThat(requests.plexSection(SECTIONS, "/data/tv/Show/Season 1")).contains("2");
    assertThat(requests.plexSection(SECTIONS, "/data/tv/anime/One")).contains("2");
    assertThat(requests.plexSection(SECTIONS, "/data/moviesold/x")).isEmpty();
    assertThat(requests.plexSection("<html>", "/data/movies")).isEmpty();
  }

  @Test
  void shouldAskPlexForAPartialScanOfTheFolder() {
    var plex = NoticeRequestsTest.webhook(WebhookKind.PLEX, "http://plex:32400", "tok");
    var request = requests.plexRefresh(plex, "1", "/data/movies/Heat (1995)");
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.url())
        .isEqualTo(
            "http://plex:32400/library/sections/1/refresh?path=%2Fdata%2Fmovies%2FHeat+%281995%29");
    assertThat(request.headers()).containsEntry("X-Plex-Token", "tok");
  }

  @Test
  void shouldTellJellyfinAndEmbyWhatChanged() {
    var updates =
        List.of(new Update("/m/a.mkv", Change.Created), new Update("/m/a.avi", Change.Deleted));
    var jellyfin =
        requests.mediaUpdated(
            NoticeRequestsTest.webhook(WebhookKind.JELLYFIN, "http://jf:8096/", "k"), updates);
    assertThat(jellyfin.url()).isEqualTo("http://jf:8096/Library/Media/Updated");
    assertThat(jellyfin.headers()).containsEntry("Authorization", "MediaBrowser Token=\"k\"");
    assertThat(jellyfin.body())
        .isEqualTo(
            "{\"Updates\":[{\"Path\":\"/m/a.mkv\",\"UpdateType\":\"Created\"},"
                + "{\"Path\":\"/m/a.avi\",\"UpdateType\":\"Deleted\"}]}");
    var emby =
        requests.mediaUpdated(
            NoticeRequestsTest.webhook(WebhookKind.EMBY, "http://emby:8096", "k"), updates);
    assertThat(emby.url()).isEqualTo("http://emby:8096/emby/Library/Media/Updated");
    assertThat(emby.headers()).containsEntry("X-Emby-Token", "k");
  }

  @Test
  void shouldRescanTheOutputAndAGoneInputAsTheServerSeesThem() {
    var folders =
        List.of(
            new WebhookStore.ServerFolder(1, "/srv/media/films", "/data/movies"),
            new WebhookStore.ServerFolder(2, "/srv/media/films/kids", "/kids"));
    assertThat(
            Rescans.of(
                folders,
                Path.of("/srv/media/films/A/a.avi"),
                Path.of("/srv/media/films/A/a.mkv"),
                true))
        .containsExactly(
            new Update("/data/movies/A/a.mkv", Change.Created),
            new Update("/data/movies/A/a.avi", Change.Deleted));
    assertThat(
            Rescans.of(
                folders,
                Path.of("/srv/media/films/kids/b.mkv"),
                Path.of("/srv/media/films/kids/b.mkv"),
                false))
        .containsExactly(new Update("/kids/b.mkv", Change.Modified));
    assertThat(
            Rescans.of(
                folders,
                Path.of("/srv/media/films/c.mkv"),
                Path.of("/srv/media/films/c.x265.mkv"),
                false))
        .containsExactly(new Update("/data/movies/c.x265.mkv", Change.Created));
    assertThat(Rescans.of(folders, Path.of("/elsewhere/d.mkv"), Path.of("/elsewhere/d2.mkv"), true))
        .isEmpty();
    assertThat(
            Rescans.of(
                List.of(),
                Path.of("/srv/media/films/e.mkv"),
                Path.of("/srv/media/films/e2.mkv"),
                true))
        .isEmpty();
  }
}
