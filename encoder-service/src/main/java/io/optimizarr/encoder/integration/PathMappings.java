package io.optimizarr.encoder.integration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How another program's paths become this node's ({@code optimizarr.path-mappings}): each mapping
 * {@code FROM=TO} turns a path at or under {@code FROM} into the same path under {@code TO}, as
 * Sonarr or Radarr in a container see {@code /tv} where this node sees {@code /srv/media/tv}. The
 * longest {@code FROM} that holds a path wins; a prefix counts only whole names ({@code /tv} holds
 * {@code /tv/a.mkv}, not {@code /tvshows/a.mkv}). With no mapping, paths are taken as they are.
 * Pure.
 */
public final class PathMappings {

  /** One {@code FROM=TO}. */
  public record Mapping(String from, String to) {}

  private final List<Mapping> mappings;

  private PathMappings(List<Mapping> mappings) {
    this.mappings =
        mappings.stream()
            .sorted(Comparator.comparingInt((Mapping m) -> m.from().length()).reversed())
            .toList();
  }

  /**
   * Reads {@code FROM=TO} entries.
   *
   * @throws IllegalArgumentException naming the first entry that is not two absolute paths
   */
  public static PathMappings parse(List<String> entries) {
    var mappings = new ArrayList<Mapping>();
    for (String entry : entries) {
      int at = entry.indexOf('=');
      String from = at < 0 ? "" : trimSlash(entry.substring(0, at).trim());
      String to = at < 0 ? "" : trimSlash(entry.substring(at + 1).trim());
      if (!from.startsWith("/") || !to.startsWith("/")) {
        throw new IllegalArgumentException(
            "path mapping '" + entry + "' is not FROM=TO with two absolute paths");
      }
      mappings.add(new Mapping(from, to));
    }
    return new PathMappings(mappings);
  }

  /** Mappings already read; each {@code from} and {@code to} an absolute path. */
  public static PathMappings of(List<Mapping> mappings) {
    return new PathMappings(
        mappings.stream().map(m -> new Mapping(trimSlash(m.from()), trimSlash(m.to()))).toList());
  }

  public List<Mapping> mappings() {
    return mappings;
  }

  /** This node's path for another program's; empty when mappings are set and none holds it. */
  public Optional<String> map(String path) {
    if (mappings.isEmpty()) {
      return Optional.of(path);
    }
    for (Mapping m : mappings) {
      if (m.from().equals("/")) {
        return Optional.of(join(m.to(), path.substring(1)));
      }
      if (path.equals(m.from())) {
        return Optional.of(m.to());
      }
      if (path.startsWith(m.from() + "/")) {
        return Optional.of(join(m.to(), path.substring(m.from().length() + 1)));
      }
    }
    return Optional.empty();
  }

  private static String join(String to, String rest) {
    return to.equals("/") ? "/" + rest : to + "/" + rest;
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
