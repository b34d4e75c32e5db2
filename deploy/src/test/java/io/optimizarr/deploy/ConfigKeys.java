package io.optimizarr.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a service reads, as environment variable names: every key of its
 * {@code @ConfigMapping} interface, every key its {@code application.properties} sets, and every
 * key those properties refer to as {@code ${key}}.
 */
final class ConfigKeys {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^:}]+)");

  private ConfigKeys() {}

  static Set<String> environmentNames(Class<?> mapping, Path applicationProperties)
      throws IOException {
    var keys = new TreeSet<String>();
    String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
    collect(mapping, prefix, keys);
    var properties = new Properties();
    try (Reader in = Files.newBufferedReader(applicationProperties)) {
      properties.load(in);
    }
    for (String key : properties.stringPropertyNames()) {
      keys.add(key.replaceFirst("^%[a-z]+\\.", ""));
      Matcher m = REFERENCE.matcher(properties.getProperty(key));
      while (m.find()) {
        keys.add(m.group(1));
      }
    }
    var names = new TreeSet<String>();
    keys.forEach(k -> names.add(environmentName(k)));
    return names;
  }

  /** SmallRye's rule: upper case, every character but letters and digits an underscore. */
  static String environmentName(String key) {
    return key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
  }

  private static void collect(Class<?> group, String prefix, Set<String> keys) {
    for (Method method : group.getMethods()) {
      if (method.isDefault() || method.getParameterCount() > 0) {
        continue;
      }
      WithName name = method.getAnnotation(WithName.class);
      String key = prefix + "." + (name != null ? name.value() : kebab(method.getName()));
      Class<?> type = method.getReturnType();
      if (isGroup(type)) {
        collect(type, key, keys);
      } else {
        keys.add(key);
      }
    }
  }

  /** A nested group of keys: one of our own interfaces, not a value type. */
  private static boolean isGroup(Class<?> type) {
    return type.isInterface() && type.getName().startsWith("io.optimizarr.");
  }

  private static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }
}
