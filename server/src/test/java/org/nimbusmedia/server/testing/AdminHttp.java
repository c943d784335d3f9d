package org.nimbusmedia.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Calls an embedded server's admin port the way an operator's tool does: plain HTTP GETs. */
public final class AdminHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)$");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final int port;
  private final String authorization;

  /** Calls without credentials. */
  public AdminHttp(int port) {
    this(port, null);
  }

  private AdminHttp(int port, String authorization) {
    this.port = port;
    this.authorization = authorization;
  }

  /** The same port with HTTP Basic credentials. */
  public AdminHttp as(String user, String password) {
    return new AdminHttp(
        port,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET /admin/<method>?<query>}, answered 200, as a JSON tree. */
  public JsonNode call(String method, String query) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/admin/" + method + (query.isEmpty() ? "" : "?" + query));
    if (response.statusCode() != 200) {
      throw new AssertionError(
          method + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  public static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }

  /**
   * The samples of a Prometheus text exposition, by series ({@code name{labels}} as written, labels
   * in the order the registry writes them: sorted by name).
   */
  public static Map<String, Double> samples(String exposition) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line.trim());
      if (!sample.matches()) {
        throw new AssertionError("not a Prometheus sample line: " + line);
      }
      String value = sample.group(2);
      samples.put(
          sample.group(1),
          switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
          });
    }
    return samples;
  }
}
