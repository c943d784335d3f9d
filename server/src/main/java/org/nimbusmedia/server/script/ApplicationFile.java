package org.nimbusmedia.server.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.server.config.ConfigException;

/**
 * An application's own settings, {@code apps/<app>/Application.yaml}: the role of FMS's
 * per-application {@code Application.xml} (fms4.md section 6). It holds one key, {@code
 * applicationObject}, whose map is what {@code application.config} shows the script (FMS's {@code
 * <ApplicationObject>} element):
 *
 * <pre>
 * applicationObject:
 *   clearOnAppStop: true
 *   maxUsers: 50
 *   rooms: [lobby, games]
 * </pre>
 *
 * <p>Unlike XML, YAML keeps types: numbers reach the script as numbers, {@code true} as a boolean,
 * lists as arrays, maps as objects. A missing file means an empty {@code application.config}. Any
 * other top-level key, a duplicate key or a file that is not YAML stops start-up with the file, the
 * key and what was expected; a file broken while the server runs stops the instance from loading.
 */
public final class ApplicationFile {
  /** The file name in an application's folder. */
  public static final String NAME = "Application.yaml";

  private static final String APPLICATION_OBJECT = "applicationObject";
  private static final Set<String> KEYS = Set.of(APPLICATION_OBJECT);

  /** Nesting that a settings file never needs; deeper is refused. */
  private static final int MAX_DEPTH = 32;

  private static final ObjectMapper YAML =
      new YAMLMapper().enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private ApplicationFile() {}

  /**
   * Reads every application's file below {@code appsDirectory}: start-up fails on the first bad
   * one.
   */
  public static void checkAll(Path appsDirectory) throws ConfigException {
    if (!Files.isDirectory(appsDirectory)) {
      return;
    }
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(appsDirectory)) {
      for (Path folder : folders) {
        if (Files.isDirectory(folder)) {
          applicationObject(folder);
        }
      }
    } catch (IOException e) {
      throw new ConfigException(appsDirectory.toString(), "", "cannot be listed (" + e + ")");
    }
  }

  /** The {@code applicationObject} map of the application in {@code folder}, as AMF values. */
  public static AmfObject applicationObject(Path folder) throws ConfigException {
    Path file = folder.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return new AmfObject();
    }
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          file.toString(), "", "is not valid YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "", "cannot be read (" + e + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new AmfObject();
    }
    if (!root.isObject()) {
      throw new ConfigException(file.toString(), "", "expected a map with the key " + KEYS);
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new ConfigException(file.toString(), name, "unknown key: expected one of " + KEYS);
      }
    }
    JsonNode settings = root.path(APPLICATION_OBJECT);
    if (settings.isMissingNode() || settings.isNull()) {
      return new AmfObject();
    }
    if (!settings.isObject()) {
      throw new ConfigException(
          file.toString(), APPLICATION_OBJECT, "value " + settings + " is invalid: expected a map");
    }
    return (AmfObject) toAmf(file, APPLICATION_OBJECT, settings, 0);
  }

  private static Object toAmf(Path file, String key, JsonNode node, int depth)
      throws ConfigException {
    if (depth > MAX_DEPTH) {
      throw new ConfigException(
          file.toString(), key, "nested deeper than " + MAX_DEPTH + " levels");
    }
    if (node.isObject()) {
      AmfObject object = new AmfObject();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        object.put(
            field.getKey(), toAmf(file, key + "." + field.getKey(), field.getValue(), depth + 1));
      }
      return object;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        list.add(toAmf(file, key + "[" + i + "]", node.get(i), depth + 1));
      }
      return list;
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNull()) {
      return null;
    }
    return node.asText();
  }
}
