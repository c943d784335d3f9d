package org.nimbusmedia.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Prometheus metric names that the Grafana dashboards in a folder plot. */
final class DashboardMetrics {
  private static final Pattern METRIC = Pattern.compile("\\b((?:nimbus|jvm|process)_[a-z0-9_]+)");

  private DashboardMetrics() {}

  static Set<String> referencedBy(Path folder) throws IOException {
    Set<String> names = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        collect(json.readTree(file.toFile()), names);
      }
    }
    if (names.isEmpty()) {
      throw new AssertionError("no dashboard with Prometheus queries under " + folder);
    }
    return names;
  }

  private static void collect(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      JsonNode expr = node.get("expr");
      if (expr != null && expr.isTextual()) {
        Matcher metric = METRIC.matcher(expr.asText());
        while (metric.find()) {
          names.add(metric.group(1));
        }
      }
    }
    node.forEach(child -> collect(child, names));
  }
}
