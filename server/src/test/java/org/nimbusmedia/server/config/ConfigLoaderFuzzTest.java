package org.nimbusmedia.server.config;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz test of {@link ConfigLoader#parse} on arbitrary text (FUZZING.md): it returns a config or
 * throws {@link ConfigException} whose message names the file, never anything else (a Jackson or
 * SnakeYAML exception escaping would stop start-up with a stack trace instead of the key, value and
 * what was expected). Seeds: the bundled {@code conf/nimbus.yaml} and variants of it.
 */
class ConfigLoaderFuzzTest {

  private static final String SOURCE = "fuzz.yaml";

  private final ConfigLoader loader =
      new ConfigLoader(name -> name.equals("NIMBUS_PORT") ? "1935" : null);

  @FuzzTest
  @Timeout(10)
  void yaml(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      assertNotNull(loader.parse(SOURCE, text));
    } catch (ConfigException expected) {
      assertTrue(expected.source().startsWith(SOURCE), expected.source());
      assertTrue(expected.getMessage().startsWith(SOURCE), expected.getMessage());
    }
  }
}
