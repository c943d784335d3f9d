package org.nimbusmedia.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * {@code conf/logback.xml} as the server runs with it: the access log file starts with its W3C
 * header and holds only access lines; each instance's script output lands in its own
 * application.log (fms4.md sections 5.3 and 5.4).
 */
class BundledLogbackConfigTest {
  @TempDir Path logs;

  private static List<Status> problems(LoggerContext context) {
    return context.getStatusManager().getCopyOfStatusList().stream()
        .filter(status -> status.getLevel() >= Status.WARN)
        .toList();
  }

  @Test
  void accessAndApplicationLogsGetTheirOwnFiles() throws Exception {
    LoggerContext context = new LoggerContext();
    // What SLF4J's binding gives the server's own context.
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putProperty("nimbus.logDir", logs.toString());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Path.of("..", "conf", "logback.xml").toFile());
    assertEquals(List.of(), problems(context));

    Logger access = context.getLogger(AccessLog.LOGGER);
    access.info("{}", "connect\tsession");
    context.getLogger("nimbus.app.live/room1").info("trace from room1");
    context.getLogger("nimbus.app.chat/_definst_").error("chat.asc:3: oops");
    context.getLogger("org.nimbusmedia.server.NimbusServer").info("server line");
    context.stop();

    assertEquals(List.of(), problems(context));

    List<String> accessLines = Files.readAllLines(logs.resolve("access.log"));
    assertEquals("#Software: Nimbus", accessLines.get(0));
    assertEquals("#Version: 1.0", accessLines.get(1));
    assertEquals(AccessLayout.FIELDS_LINE, accessLines.get(2));
    assertEquals("connect\tsession", accessLines.get(3));
    assertEquals(4, accessLines.size());

    String room1 = Files.readString(logs.resolve("apps/live/room1/application.log"));
    assertTrue(room1.contains("INFO  trace from room1"), room1);
    assertFalse(room1.contains("oops"));
    String chat = Files.readString(logs.resolve("apps/chat/_definst_/application.log"));
    assertTrue(chat.contains("ERROR chat.asc:3: oops"), chat);

    String server = Files.readString(logs.resolve("server.log"));
    assertTrue(server.contains("server line"));
    assertTrue(server.contains("trace from room1"), "script output also reaches the server log");
    assertFalse(server.contains("connect\tsession"), "access lines stay in the access log");
    assertFalse(Files.exists(logs.resolve("apps/_server_")));
  }
}
