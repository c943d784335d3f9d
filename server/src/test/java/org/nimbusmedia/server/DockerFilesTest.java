package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.config.ListenersConfig;

/**
 * The files of {@code docker/}, read as Docker Compose, Prometheus and Grafana would read them (no
 * Docker engine runs in the tests): they parse, and the addresses they name agree with each other
 * and with the server's defaults.
 */
class DockerFilesTest {
  private static final Path DOCKER = Path.of("..", "docker");
  private final YAMLMapper yaml = new YAMLMapper();

  private JsonNode read(String file) throws Exception {
    return yaml.readTree(DOCKER.resolve(file).toFile());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  @Test
  void prometheusScrapesTheAdminPortFromInsideTheNimbusContainer() throws Exception {
    JsonNode compose = read("compose.yaml");
    JsonNode services = compose.get("services");
    assertEquals("service:nimbus", services.get("prometheus").get("network_mode").asText());
    assertTrue(
        texts(services.get("prometheus").get("volumes"))
            .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro"));
    assertTrue(Files.isRegularFile(DOCKER.resolve("prometheus/prometheus.yml")));

    JsonNode job = read("prometheus/prometheus.yml").get("scrape_configs").get(0);
    assertEquals("/metrics", job.get("metrics_path").asText());
    int adminPort = ListenersConfig.defaults().admin().port();
    assertEquals(
        List.of("127.0.0.1:" + adminPort), texts(job.get("static_configs").get(0).get("targets")));
  }

  @Test
  void grafanaReachesPrometheusAndLoadsTheDashboard() throws Exception {
    JsonNode services = read("compose.yaml").get("services");
    // Prometheus listens in the nimbus service's namespace: its port is published there.
    assertTrue(texts(services.get("nimbus").get("ports")).contains("127.0.0.1:9090:9090/tcp"));
    JsonNode source =
        read("grafana/provisioning/datasources/prometheus.yaml").get("datasources").get(0);
    assertEquals("http://nimbus:9090", source.get("url").asText());

    JsonNode provider = read("grafana/provisioning/dashboards/nimbus.yaml").get("providers").get(0);
    assertEquals("/var/lib/grafana/dashboards", provider.get("options").get("path").asText());
    assertTrue(
        texts(services.get("grafana").get("volumes"))
            .contains("./grafana/dashboards:/var/lib/grafana/dashboards:ro"));

    JsonNode dashboard =
        new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/nimbus.json").toFile());
    assertTrue(dashboard.get("panels").size() >= 10);
    for (JsonNode panel : dashboard.get("panels")) {
      assertEquals(source.get("uid").asText(), panel.get("datasource").get("uid").asText());
      assertTrue(panel.get("targets").size() >= 1, panel.get("title").asText());
    }
  }
}
