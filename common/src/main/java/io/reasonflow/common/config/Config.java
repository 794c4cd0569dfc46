package io.reasonflow.common.config;

import io.reasonflow.common.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ReasonFlow's configuration: the defaults in {@code reasonflow-reference.properties} (every key
 * documented there), overridden by a user's file, overridden by {@code key=value} pairs from the
 * command line. Unknown keys and ill-typed values are {@link UserError}s that name the key, the
 * value, where it came from and how to fix it.
 */
public final class Config implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String REFERENCE = "reasonflow-reference.properties";
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private Config(Map<String, String> values, Map<String, String> origins) {
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  /** The defaults alone. */
  public static Config defaults() {
    return load(null, Map.of());
  }

  /**
   * Defaults, then {@code file} (may be null), then {@code overrides}.
   *
   * @throws UserError for a missing file, an unknown key, or a malformed line
   */
  public static Config load(Path file, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>(readReference());
    Map<String, String> origins = new LinkedHashMap<>();
    values.keySet().forEach(k -> origins.put(k, "default"));
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new UserError(
            "config file not found: " + file + " (pass an existing file to --config)");
      }
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException | IllegalArgumentException e) {
        throw new UserError("cannot read config file " + file + ": " + e.getMessage());
      }
      for (String k : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
        put(values, origins, k, p.getProperty(k).strip(), file.toString());
      }
    }
    if (overrides != null) {
      overrides.forEach((k, v) -> put(values, origins, k.strip(), v.strip(), "--set"));
    }
    return new Config(values, origins);
  }

  /** A copy with {@code key} set to {@code value} (the key must be known). */
  public Config with(String key, String value) {
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    put(v, o, key, value, "code");
    return new Config(v, o);
  }

  private static void put(
      Map<String, String> values,
      Map<String, String> origins,
      String key,
      String value,
      String origin) {
    if (!values.containsKey(key)) {
      String hint = closest(key, values.keySet());
      throw new UserError(
          "unknown config key '"
              + key
              + "' in "
              + origin
              + (hint == null ? "" : " (did you mean '" + hint + "'?)")
              + "; every key is listed in docs/configuration.md");
    }
    values.put(key, value);
    origins.put(key, origin);
  }

  private static Map<String, String> readReference() {
    Properties p = new Properties();
    try (InputStream in = Config.class.getClassLoader().getResourceAsStream(REFERENCE)) {
      if (in == null) {
        throw new IllegalStateException(REFERENCE + " missing from the classpath");
      }
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> m = new TreeMap<>();
    p.forEach((k, v) -> m.put(k.toString(), v.toString().strip()));
    return m;
  }

  public String string(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no such config key: " + key);
    }
    return v;
  }

  /** The value, or null when it is empty (keys whose empty value means "none"). */
  public String optionalString(String key) {
    String v = string(key);
    return v.isEmpty() ? null : v;
  }

  public int integer(String key, int min, int max) {
    long v;
    try {
      v = Long.parseLong(string(key));
    } catch (NumberFormatException e) {
      throw bad(key, "is not a whole number");
    }
    if (v < min || v > max) {
      throw bad(key, "is outside " + min + ".." + max);
    }
    return (int) v;
  }

  public double decimal(String key, double min, double max) {
    double v;
    try {
      v = Double.parseDouble(string(key));
    } catch (NumberFormatException e) {
      throw bad(key, "is not a number");
    }
    if (!(v >= min && v <= max)) {
      throw bad(key, "is outside " + min + ".." + max);
    }
    return v;
  }

  public boolean bool(String key) {
    return switch (string(key).toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw bad(key, "is not true or false");
    };
  }

  public Duration duration(String key) {
    Matcher m = DURATION.matcher(string(key).toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw bad(key, "is not a duration like 500ms, 30s, 30m, 2h or 14d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String v = string(key).toUpperCase(Locale.ROOT).replace('-', '_');
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw bad(
          key,
          "is not one of "
              + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
  }

  /** Where a key's value came from: {@code default}, a file path, or {@code --set}. */
  public String origin(String key) {
    return origins.getOrDefault(key, "default");
  }

  /** Every key and value, sorted by key. */
  public Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  /**
   * A user error for a key whose value is unusable; public so components can validate their own
   * keys alike.
   */
  public UserError bad(String key, String problem) {
    return new UserError(
        "config key '"
            + key
            + "' = '"
            + values.get(key)
            + "' (from "
            + origin(key)
            + ") "
            + problem);
  }

  private static String closest(String key, Iterable<String> known) {
    String best = null;
    int bestD = Integer.MAX_VALUE;
    for (String k : known) {
      int d = editDistance(key, k);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return bestD <= Math.max(3, key.length() / 3) ? best : null;
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
