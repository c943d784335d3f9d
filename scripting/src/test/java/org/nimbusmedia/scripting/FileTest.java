package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code File} class, confined to the application folder (FMS 4 SSASLR, File class). */
class FileTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  private Object run(String body) throws Exception {
    Path folder = root.resolve("app");
    Scripts.write(folder, "main.asc", "Client.prototype.run = function() {\n" + body + "\n};");
    ApplicationScript script = scripts.start(new FakeHost("app", "_definst_", folder));
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    return await(script.invoke(client, "run", List.of()));
  }

  @Test
  void writesAppendsAndReadsLinesInTheApplicationFolder() throws Exception {
    Object result =
        run(
            """
            var log = new File("logs/visits.txt");
            var dir = new File("/");
            dir.mkdir("logs");
            log.open("text", "create"); log.writeln("first"); log.close();
            log.open("text", "append"); log.write("second", "!"); log.writeln(); log.close();
            var lines = [];
            log.open("text", "read");
            while (!log.eof()) lines.push(log.readln());
            log.close();
            return [log.name, log.exists, log.isOpen, lines.join("+"),
                    new File("logs").list().length].join("|");
            """);

    assertEquals("logs/visits.txt|true|false|first+second!|1", result);
    assertEquals(
        "first\nsecond!\n",
        Files.readString(root.resolve("app/logs/visits.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void pathsOutsideTheApplicationFolderAreRefused() throws Exception {
    Files.writeString(root.resolve("secret.txt"), "secret");

    Object result =
        run(
            """
            try { new File("../secret.txt"); return "opened"; }
            catch (e) { return e.message; }
            """);

    assertEquals("File: path outside the application folder: ../secret.txt", result);
  }

  @Test
  void removeDeletesAFile() throws Exception {
    Scripts.write(root.resolve("app"), "old.txt", "x");

    assertEquals(true, run("return new File(\"old.txt\").remove();"));
    assertFalse(Files.exists(root.resolve("app/old.txt")));
  }
}
