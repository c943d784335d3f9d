package org.nimbusmedia.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads {@code nimbus.yaml} into a {@link NimbusConfig}. Strict on purpose: an unknown key, a value
 * of the wrong type (a string where a number belongs, a fraction where an integer belongs) or a
 * value out of range is a {@link ConfigException}, never a silent default.
 */
public final class ConfigLoader {
  private final ObjectMapper mapper;
  private final Function<String, String> environment;

  /** A loader that substitutes {@code ${VAR}} from {@code environment}. */
  public ConfigLoader(Function<String, String> environment) {
    this.environment = environment;
    this.mapper = strictYamlMapper();
  }

  /** A loader that substitutes from this process's environment. */
  public static ConfigLoader withSystemEnvironment() {
    Map<String, String> env = System.getenv();
    return new ConfigLoader(env::get);
  }

  public NimbusConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "", "cannot be read (" + e + ")");
    }
    return parse(file.toString(), text);
  }

  /** Parses {@code text}; {@code source} names it in error messages. */
  public NimbusConfig parse(String source, String text) throws ConfigException {
    String substituted = EnvironmentSubstitution.apply(source, text, environment);
    if (substituted.isBlank()) {
      return NimbusConfig.defaults();
    }
    JsonNode tree = null;
    try {
      tree = mapper.readTree(substituted);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return NimbusConfig.defaults();
      }
      NimbusConfig config = mapper.readValue(substituted, NimbusConfig.class);
      return config == null ? NimbusConfig.defaults() : config;
    } catch (JsonProcessingException e) {
      throw describe(source, tree, e);
    }
  }

  private static ConfigException describe(String source, JsonNode tree, JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known =
          unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      return new ConfigException(source, path(unknown), "unknown key: expected one of " + known);
    }
    if (e instanceof ValueInstantiationException instantiation
        && instantiation.getCause() instanceof InvalidValueException invalid) {
      String parent = path(instantiation);
      String key = parent.isEmpty() ? invalid.key() : parent + "." + invalid.key();
      return new ConfigException(
          source, key, "value " + invalid.value() + " is invalid: expected " + invalid.expected());
    }
    if (e instanceof InvalidFormatException format) {
      return new ConfigException(
          source,
          path(format),
          "value "
              + quoted(format.getValue())
              + " is invalid: expected "
              + expectedFor(format.getTargetType()));
    }
    if (e instanceof MismatchedInputException mismatch) {
      return new ConfigException(
          source,
          path(mismatch),
          "value "
              + offendingText(tree, mismatch)
              + "at line "
              + line(e)
              + " has the wrong type: expected "
              + expectedFor(mismatch.getTargetType()));
    }
    if (e instanceof JsonMappingException mapping) {
      return new ConfigException(source, path(mapping), mapping.getOriginalMessage());
    }
    return new ConfigException(
        source + " line " + line(e), "", "is not valid YAML: " + e.getOriginalMessage());
  }

  private static String expectedFor(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return Durations.EXPECTED;
    }
    if (type == String.class || type == Path.class) {
      return "a string";
    }
    if (type.isRecord()) {
      return "a section of keys";
    }
    return "a " + type.getSimpleName();
  }

  /** The scalar at the failing key, quoted and followed by a space, or nothing for a section. */
  private static String offendingText(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (node == null) {
        return "";
      }
      node =
          reference.getFieldName() != null
              ? node.get(reference.getFieldName())
              : node.get(reference.getIndex());
    }
    return node != null && node.isValueNode()
        ? (node.isTextual() ? quoted(node.asText()) : node.toString()) + " "
        : "";
  }

  private static String quoted(Object value) {
    return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
  }

  private static int line(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static ObjectMapper strictYamlMapper() {
    SimpleModule durations = new SimpleModule("nimbus-durations");
    durations.addDeserializer(Duration.class, new DurationDeserializer());
    YAMLMapper mapper =
        YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(durations)
            .build();
    for (LogicalType type :
        new LogicalType[] {LogicalType.Integer, LogicalType.Boolean, LogicalType.Float}) {
      mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }

  /** Durations are written as {@code 10s}, {@code 500ms}, {@code 5m}: see {@link Durations}. */
  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = parser.getValueAsString();
      if (text == null || !parser.currentToken().isScalarValue()) {
        throw MismatchedInputException.from(parser, Duration.class, "expected a duration");
      }
      return Durations.parse(text)
          .orElseThrow(
              () ->
                  InvalidFormatException.from(
                      parser, "expected " + Durations.EXPECTED, text, Duration.class));
    }
  }
}
