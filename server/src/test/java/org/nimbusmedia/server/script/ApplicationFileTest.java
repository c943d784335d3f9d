package org.nimbusmedia.server.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.server.config.ConfigException;

/** {@code Application.yaml}: what {@code application.config} holds, and what stops start-up. */
class ApplicationFileTest {

  @TempDir Path apps;

  private Path app(String name, String yaml) throws Exception {
    Path folder = Files.createDirectories(apps.resolve(name));
    Files.writeString(folder.resolve(ApplicationFile.NAME), yaml);
    return folder;
  }

  @Test
  void theApplicationObjectKeepsYamlTypes() throws Exception {
    Path folder =
        app(
            "chat",
            """
            applicationObject:
              clearOnAppStop: true
              maxUsers: 50
              title: Lobby
              rooms: [lobby, games]
              limits: {perUser: 2.5, none: null}
            """);

    AmfObject expected =
        AmfObject.of(
            "clearOnAppStop",
            true,
            "maxUsers",
            50.0,
            "title",
            "Lobby",
            "rooms",
            List.of("lobby", "games"),
            "limits",
            AmfObject.of("perUser", 2.5, "none", null));
    assertEquals(expected, ApplicationFile.applicationObject(folder));
  }

  @Test
  void noFileAndAnEmptyFileGiveAnEmptyConfig() throws Exception {
    assertEquals(new AmfObject(), ApplicationFile.applicationObject(apps));
    assertEquals(new AmfObject(), ApplicationFile.applicationObject(app("empty", "")));
  }

  @Test
  void anUnknownKeyIsNamedWithTheFile() throws Exception {
    app("live", "applicationObject: {a: 1}\nscriptEngine: {}\n");

    ConfigException e = assertThrows(ConfigException.class, () -> ApplicationFile.checkAll(apps));

    assertEquals("scriptEngine", e.keyPath());
    assertTrue(e.source().endsWith("live/" + ApplicationFile.NAME), e.source());
    assertTrue(e.getMessage().contains("expected one of [applicationObject]"), e.getMessage());
  }

  @Test
  void aDuplicateKeyOrBrokenYamlStopsStartUp() throws Exception {
    app("dup", "applicationObject:\n  a: 1\n  a: 2\n");
    assertThrows(ConfigException.class, () -> ApplicationFile.checkAll(apps));
    Files.delete(apps.resolve("dup").resolve(ApplicationFile.NAME));

    app("broken", "applicationObject: [unclosed\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ApplicationFile.checkAll(apps));
    assertTrue(e.getMessage().contains("is not valid YAML"), e.getMessage());
  }

  @Test
  void anApplicationObjectThatIsNotAMapIsRefused() throws Exception {
    Path folder = app("list", "applicationObject: [1, 2]\n");

    ConfigException e =
        assertThrows(ConfigException.class, () -> ApplicationFile.applicationObject(folder));

    assertEquals("applicationObject", e.keyPath());
  }

  @Test
  void nestingBeyondThirtyTwoLevelsIsRefused() throws Exception {
    String[] open = new String[40];
    Arrays.fill(open, "[");
    String[] close = new String[40];
    Arrays.fill(close, "]");
    Path folder =
        app(
            "deep",
            "applicationObject: {x: " + String.join("", open) + String.join("", close) + "}\n");

    assertThrows(ConfigException.class, () -> ApplicationFile.applicationObject(folder));
  }
}
