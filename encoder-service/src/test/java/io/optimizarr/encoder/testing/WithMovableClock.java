package io.optimizarr.encoder.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Set;

/** The encoder on a {@link MovableClock}, following a {@link ScriptedMonitor}. */
public class WithMovableClock implements QuarkusTestProfile {
  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(MovableClock.class);
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(ScriptedMonitor.class));
  }
}
