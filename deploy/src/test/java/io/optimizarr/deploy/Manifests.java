package io.optimizarr.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One overlay rendered by {@code kubectl kustomize} and parsed into fabric8's model. */
final class Manifests {

  static final Path K8S = Path.of("k8s");

  final String overlay;
  final List<HasMetadata> objects;

  private Manifests(String overlay, List<HasMetadata> objects) {
    this.overlay = overlay;
    this.objects = objects;
  }

  static Manifests render(String overlay) throws Exception {
    return render(K8S, overlay);
  }

  /** {@code overlay} of the kustomize tree at {@code k8s} (a copy, say). */
  static Manifests render(Path k8s, String overlay) throws Exception {
    Process kubectl =
        new ProcessBuilder(
                "kubectl", "kustomize", k8s.resolve("overlays").resolve(overlay).toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] yaml = kubectl.getInputStream().readAllBytes();
    if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
      throw new IllegalStateException("kubectl kustomize failed for " + overlay);
    }
    Files.createDirectories(Path.of("target", "rendered"));
    Files.write(Path.of("target", "rendered", overlay + ".yaml"), yaml);
    List<HasMetadata> objects = Serialization.unmarshal(new ByteArrayInputStream(yaml));
    return new Manifests(overlay, objects);
  }

  static boolean kubectlInstalled() {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, "kubectl"))) {
        return true;
      }
    }
    return false;
  }

  static List<String> overlays() throws Exception {
    try (var dirs = Files.list(K8S.resolve("overlays"))) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  <T extends HasMetadata> List<T> all(Class<T> kind) {
    return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  List<HasMetadata> kind(String kind) {
    return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
  }

  <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
    return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  /** Every pod template: DaemonSets and StatefulSets. */
  List<PodTemplateSpec> podTemplates() {
    var templates = new java.util.ArrayList<PodTemplateSpec>();
    all(DaemonSet.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
    all(StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
    return templates;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
