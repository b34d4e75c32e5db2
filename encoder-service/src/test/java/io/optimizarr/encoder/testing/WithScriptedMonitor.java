package io.optimizarr.encoder.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The encoder following a {@link ScriptedMonitor} instead of the test monitor. */
public class WithScriptedMonitor implements QuarkusTestProfile {
  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(ScriptedMonitor.class));
  }
}
