package io.optimizarr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.optimizarr.encoder.config.EncoderConfig;
import io.optimizarr.encoder.user.SecretRules;
import io.optimizarr.monitor.config.MonitorConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay under deploy/k8s, rendered by kubectl and read with the fabric8 model, against the
 * services' own configuration: probes, environment, Secrets and ConfigMaps, Services, the
 * ServiceMonitor and the encoder's way to its own node's monitor.
 */
class ManifestsTest {

  /** A service as its manifests must agree with it. */
  record App(String image, Path properties, Class<?> mapping) {
    int managementPort() throws Exception {
      var p = new Properties();
      try (var in = java.nio.file.Files.newBufferedReader(properties)) {
        p.load(in);
      }
      return Integer.parseInt(p.getProperty("quarkus.management.port"));
    }
  }

  static final List<App> APPS =
      List.of(
          new App(
              "optimizarr/monitor",
              Path.of("../monitor-service/src/main/resources/application.properties"),
              MonitorConfig.class),
          new App(
              "optimizarr/encoder",
              Path.of("../encoder-service/src/main/resources/application.properties"),
              EncoderConfig.class));

  @BeforeAll
  static void kubectl() {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(Manifests.kubectlInstalled(), "kubectl is not installed");
    }
  }

  static List<String> overlays() throws Exception {
    return Manifests.overlays();
  }

  private static App appOf(Container c) {
    return APPS.stream()
        .filter(a -> c.getImage().startsWith(a.image() + ":"))
        .findFirst()
        .orElse(null);
  }

  private static List<Container> ours(Manifests m) {
    var containers = new ArrayList<Container>();
    for (PodTemplateSpec t : m.podTemplates()) {
      for (Container c : t.getSpec().getContainers()) {
        if (appOf(c) != null) {
          containers.add(c);
        }
      }
    }
    return containers;
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void probesAskEachServicesHealthOnItsManagementPort(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    assertThat(ours(m)).extracting(Container::getImage).hasSize(2);
    for (Container c : ours(m)) {
      int management = appOf(c).managementPort();
      for (Probe probe : List.of(c.getReadinessProbe(), c.getLivenessProbe())) {
        var get = probe.getHttpGet();
        assertThat(get.getPath()).isIn("/q/health/ready", "/q/health/live");
        assertThat(portNumber(c, get.getPort().getStrVal(), get.getPort().getIntVal()))
            .as(c.getName() + " probe port")
            .isEqualTo(management);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyVariableIsAKeyTheServiceReads(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    for (Container c : ours(m)) {
      App app = appOf(c);
      Set<String> known = ConfigKeys.environmentNames(app.mapping(), app.properties());
      assertThat(c.getEnv())
          .extracting(EnvVar::getName)
          .as(c.getName() + " sets only what it reads")
          .allSatisfy(name -> assertThat(known).contains(name));
      assertThat(c.getEnvFrom()).as("no envFrom: every variable named").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyReferencedSecretAndConfigMapKeyExists(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    for (PodTemplateSpec t : m.podTemplates()) {
      for (Container c : t.getSpec().getContainers()) {
        for (EnvVar e : c.getEnv()) {
          if (e.getValueFrom() == null) {
            continue;
          }
          var secret = e.getValueFrom().getSecretKeyRef();
          if (secret != null) {
            Secret s =
                m.named(Secret.class, secret.getName())
                    .orElseThrow(() -> missing(overlay, secret.getName()));
            Map<String, String> data = s.getData() != null ? s.getData() : s.getStringData();
            assertThat(data).as(secret.getName()).containsKey(secret.getKey());
          }
          var config = e.getValueFrom().getConfigMapKeyRef();
          if (config != null) {
            ConfigMap cm =
                m.named(ConfigMap.class, config.getName())
                    .orElseThrow(() -> missing(overlay, config.getName()));
            assertThat(cm.getData()).as(config.getName()).containsKey(config.getKey());
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void servicesSelectPodsAndNamePortsTheyHave(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    for (Service service : m.all(Service.class)) {
      Map<String, String> selector = service.getSpec().getSelector();
      List<PodTemplateSpec> pods =
          m.podTemplates().stream()
              .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
              .toList();
      assertThat(pods).as(service.getMetadata().getName() + " selects pods").hasSize(1);
      List<String> portNames =
          pods.get(0).getSpec().getContainers().stream()
              .flatMap(c -> c.getPorts().stream())
              .map(ContainerPort::getName)
              .toList();
      assertThat(service.getSpec().getPorts())
          .extracting(p -> p.getTargetPort().getStrVal())
          .allSatisfy(name -> assertThat(portNames).contains(name));
    }
    for (DaemonSet d : m.all(DaemonSet.class)) {
      assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
      var security = d.getSpec().getTemplate().getSpec().getSecurityContext();
      assertThat(security.getRunAsNonRoot())
          .as(d.getMetadata().getName() + " runAsNonRoot")
          .isTrue();
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        assertThat(c.getResources().getRequests()).as(c.getName() + " requests").isNotEmpty();
        assertThat(c.getResources().getLimits()).as(c.getName() + " limits").isNotEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theEncoderAsksForLittleCpuAndIsNeverCapped(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    Container encoder =
        m.named(DaemonSet.class, "optimizarr-encoder")
            .orElseThrow()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    var resources = encoder.getResources();
    assertThat(resources.getLimits())
        .as("a CPU limit would cap the encodes on an idle node")
        .doesNotContainKey("cpu")
        .containsKey("memory");
    assertThat(Quantity.getAmountInBytes(resources.getRequests().get("cpu")))
        .as("a small request is a low cgroup weight: the pod yields to pods that asked for more")
        .isLessThanOrEqualTo(new java.math.BigDecimal("0.25"));
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theEncoderReadsItsOwnNodesMonitor(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    DaemonSet monitor = m.named(DaemonSet.class, "optimizarr-monitor").orElseThrow();
    assertThat(monitor.getSpec().getTemplate().getSpec().getHostPID()).isTrue();
    Container encoder =
        m.named(DaemonSet.class, "optimizarr-encoder")
            .orElseThrow()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    EnvVar url =
        encoder.getEnv().stream()
            .filter(e -> e.getName().equals("OPTIMIZARR_MONITOR_URL"))
            .findFirst()
            .orElseThrow();
    var ref = url.getValueFrom().getConfigMapKeyRef();
    URI uri =
        URI.create(
            m.named(ConfigMap.class, ref.getName()).orElseThrow().getData().get(ref.getKey()));

    Service service =
        m.named(Service.class, uri.getHost()).orElseThrow(() -> missing(overlay, uri.getHost()));
    assertThat(service.getSpec().getInternalTrafficPolicy()).isEqualTo("Local");
    assertThat(monitor.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    ServicePort port =
        service.getSpec().getPorts().stream()
            .filter(p -> p.getPort() == uri.getPort())
            .findFirst()
            .orElseThrow();
    Container monitorContainer = monitor.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(
            portNumber(
                monitorContainer,
                port.getTargetPort().getStrVal(),
                port.getTargetPort().getIntVal()))
        .isEqualTo(8081);
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void serviceMonitorsSelectServicesWithTheirPort(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    assertThat(m.kind("ServiceMonitor")).hasSize(overlay.endsWith("prometheus") ? 2 : 0);
    for (var object : m.kind("ServiceMonitor")) {
      var spec =
          (Map<?, ?>) ((GenericKubernetesResource) object).getAdditionalProperties().get("spec");
      var labels = (Map<?, ?>) ((Map<?, ?>) spec.get("selector")).get("matchLabels");
      List<Service> selected =
          m.all(Service.class).stream()
              .filter(s -> s.getMetadata().getLabels().entrySet().containsAll(labels.entrySet()))
              .toList();
      assertThat(selected).as(object.getMetadata().getName() + " selects a Service").hasSize(1);
      for (Object endpoint : (List<?>) spec.get("endpoints")) {
        Object port = ((Map<?, ?>) endpoint).get("port");
        assertThat(selected.get(0).getSpec().getPorts())
            .extracting(ServicePort::getName)
            .contains((String) port);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theMonitorAndTheEncoderRunAsDifferentUsers(String overlay) throws Exception {
    Manifests m = Manifests.render(overlay);
    var monitor =
        m.named(DaemonSet.class, "optimizarr-monitor")
            .orElseThrow()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getSecurityContext();
    var encoder =
        m.named(DaemonSet.class, "optimizarr-encoder")
            .orElseThrow()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getSecurityContext();
    assertThat(monitor.getRunAsUser()).isNotNull().isNotZero();
    assertThat(encoder.getRunAsUser()).isNotNull().isNotZero();
    assertThat(monitor.getRunAsUser())
        .as(
            "the monitor (hostPID) must not share the encoder's UID, which would let it read the"
                + " encoder's environment")
        .isNotEqualTo(encoder.getRunAsUser());
    assertThat(monitor.getRunAsGroup()).isNotEqualTo(encoder.getRunAsGroup());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void webhooksMayLeaveForPublicAddressesOnlyAndTheEncoderDeniesPrivateOnes(String overlay)
      throws Exception {
    Manifests m = Manifests.render(overlay);
    NetworkPolicy policy =
        m.kind("NetworkPolicy").stream()
            .filter(o -> o.getMetadata().getName().equals("optimizarr-encoder"))
            .map(o -> Serialization.unmarshal(Serialization.asYaml(o), NetworkPolicy.class))
            .findFirst()
            .orElseThrow();
    var webhooks =
        policy.getSpec().getEgress().stream()
            .filter(
                rule ->
                    rule.getTo().stream()
                        .anyMatch(
                            peer ->
                                peer.getIpBlock() != null
                                    && peer.getIpBlock().getCidr().equals("0.0.0.0/0")))
            .toList();
    assertThat(webhooks).as("an egress rule for webhook receivers").hasSize(1);
    assertThat(webhooks.get(0).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .contains(443, 80);
    for (var peer : webhooks.get(0).getTo()) {
      assertThat(peer.getIpBlock().getExcept())
          .as(peer.getIpBlock().getCidr() + " leaves out link-local and private ranges")
          .containsAnyOf("169.254.0.0/16", "fe80::/10");
    }
    ConfigMap settings =
        m.all(ConfigMap.class).stream()
            .filter(c -> c.getMetadata().getName().startsWith("optimizarr-settings"))
            .findFirst()
            .orElseThrow();
    assertThat(settings.getData()).containsEntry("OPTIMIZARR_WEBHOOKS_DENY_PRIVATE", "true");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theShippedSecretsAreRefusedAndTheGeneratedOnesTaken(String overlay, @TempDir Path copy)
      throws Exception {
    assertThat(encoderSecrets(Manifests.render(overlay)).get("session-key"))
        .as("the shipped placeholder")
        .satisfies(key -> assertThat(SecretRules.sessionKeyProblem(key)).isPresent());

    copyTree(Manifests.K8S, copy);
    // As the README's steps: the script on each overlay (one that builds on another has none).
    for (String each : Manifests.overlays()) {
      Process generate =
          new ProcessBuilder(
                  Manifests.K8S.resolve("generate-secrets.sh").toString(),
                  copy.resolve("overlays").resolve(each).toString())
              .inheritIO()
              .start();
      assertThat(generate.waitFor(30, TimeUnit.SECONDS) && generate.exitValue() == 0).isTrue();
    }

    Map<String, String> generated = encoderSecrets(Manifests.render(copy, overlay));
    assertThat(SecretRules.sessionKeyProblem(generated.get("session-key"))).isEmpty();
    assertThat(SecretRules.adminPasswordProblem(generated.get("admin-password"))).isEmpty();
  }

  private static Map<String, String> encoderSecrets(Manifests m) {
    Secret secret =
        m.all(Secret.class).stream()
            .filter(s -> s.getMetadata().getName().startsWith("optimizarr-encoder"))
            .findFirst()
            .orElseThrow();
    var values = new java.util.HashMap<String, String>();
    secret
        .getData()
        .forEach(
            (k, v) ->
                values.put(
                    k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
    return values;
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (var paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static int portNumber(Container c, String name, Integer number) {
    if (name == null) {
      return number;
    }
    return c.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no port named " + name))
        .getContainerPort();
  }

  private static AssertionError missing(String overlay, String name) {
    return new AssertionError(overlay + " has no object named " + name);
  }
}
