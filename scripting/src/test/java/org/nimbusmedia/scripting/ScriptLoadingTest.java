package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfObject;

/**
 * Finding the main script in FMS's order, {@code load(file)} relative to it and then the script
 * library path, refused paths, and script text encodings (reference section 1.1).
 */
class ScriptLoadingTest {

  private Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  private String whoAmI(ApplicationScript script) throws Exception {
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    return (String) await(script.invoke(client, "who", List.of()));
  }

  private static String who(String name) {
    return "Client.prototype.who = function() { return '" + name + "'; };";
  }

  @Test
  void mainScriptSearchOrder() throws Exception {
    Path folder = root.resolve("chat");
    Scripts.write(folder, "chat.asc", who("chat.asc"));
    Scripts.write(folder, "main.js", who("main.js"));
    Scripts.write(folder, "scripts/main.js", who("scripts/main.js"));
    Scripts.write(folder, "main.asc", who("main.asc"));
    assertEquals("main.asc", whoAmI(scripts.start(new FakeHost("chat", "a", folder))));

    Scripts.write(folder, "scripts/main.asc", who("scripts/main.asc"));
    assertEquals("scripts/main.asc", whoAmI(scripts.start(new FakeHost("chat", "b", folder))));

    Path other = root.resolve("lobby");
    Scripts.write(other, "lobby.js", who("lobby.js"));
    Scripts.write(other, "lobby.asc", who("lobby.asc"));
    assertEquals("lobby.asc", whoAmI(scripts.start(new FakeHost("lobby", "c", other))));
  }

  @Test
  void topLevelCodeRunsBeforeOnAppStart() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            var steps = ["top"];
            application.onAppStart = function() { steps.push("onAppStart"); };
            steps.push("end of main");
            Client.prototype.who = function() { return steps.join(","); };
            """);

    assertEquals("top,end of main,onAppStart", whoAmI(script));
  }

  @Test
  void loadIsRelativeToTheMainScriptThenTheLibraryPath() throws Exception {
    Path library = root.resolve("scriptlib");
    Scripts.write(library, "netservices.asc", "var fromLibrary = 'library';");
    Scripts.write(library, "helpers.asc", "var helper = 'library helper';");
    Path folder = root.resolve("app");
    Scripts.write(folder, "scripts/helpers.asc", "var helper = 'app helper';");
    Scripts.write(
        folder,
        "scripts/main.asc",
        """
        load("helpers.asc");
        load("netservices.asc");
        Client.prototype.who = function() { return helper + "/" + fromLibrary; };
        """);
    scripts = new Scripts(ScriptingConfig.defaults().withScriptLibraryPath(List.of(library)));

    assertEquals(
        "app helper/library", whoAmI(scripts.start(new FakeHost("app", "_definst_", folder))));
  }

  @Test
  void loadRefusesParentAndAbsolutePaths() throws Exception {
    Scripts.write(root, "secret.asc", "var secret = 'leaked';");
    String absolute = root.resolve("secret.asc").toAbsolutePath().toString().replace("\\", "/");
    ApplicationScript script =
        scripts.start(
            root,
            """
            var results = [];
            function attempt(path) {
              try { load(path); results.push("loaded " + path); }
              catch (e) { results.push(e.message); }
            }
            attempt("../secret.asc");
            attempt("lib/../../secret.asc");
            attempt("%s");
            attempt("missing.asc");
            Client.prototype.who = function() {
              return results.join("|") + "|" + (typeof secret);
            };
            """
                .formatted(absolute));

    assertEquals(
        "load: path refused: ../secret.asc|load: path refused: lib/../../secret.asc"
            + "|load: path refused: "
            + absolute
            + "|load: file not found: missing.asc|undefined",
        whoAmI(script));
  }

  @Test
  void errorsInALoadedFileNameThatFile() throws Exception {
    Path folder = root.resolve("app");
    Scripts.write(folder, "lib/util.asc", "var a = 1;\nvar b = a.b.c;\n");
    Scripts.write(
        folder,
        "main.asc",
        """
        var errors = [];
        application.onStatus = function(info) { errors.push(info); };
        Client.prototype.who = function() { return errors[0]; };
        load("lib/util.asc");
        """);
    ApplicationScript script = scripts.start(new FakeHost("app", "_definst_", folder));
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    AmfObject info = (AmfObject) await(script.invoke(client, "who", List.of()));
    assertEquals("lib/util.asc", info.get("filename"));
    assertEquals(2.0, info.get("lineno"));
    assertEquals("var b = a.b.c;", info.get("linebuf"));
  }

  @Test
  void utf8WithByteOrderMarkAndCrlfLineEnds() throws Exception {
    Path folder = root.resolve("app");
    Files.createDirectories(folder);
    String text =
        "// 聊天室\r\nvar greeting = \"你好\";\r\n"
            + "Client.prototype.who = function() { return greeting; };\r\n";
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, bytes, 0, bom.length);
    System.arraycopy(body, 0, bytes, bom.length, body.length);
    Files.write(folder.resolve("main.asc"), bytes);

    assertEquals("你好", whoAmI(scripts.start(new FakeHost("app", "_definst_", folder))));
  }

  @Test
  void carriageReturnOnlyLineEndsKeepLineNumbers() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            "var errors = [];\r"
                + "application.onStatus = function(info) { errors.push(info); };\r"
                + "Client.prototype.who = function() { return errors[0].lineno + ':' +"
                + " errors[0].linebuf; };\r"
                + "\r"
                + "missing();\r");

    assertEquals("5:missing();", whoAmI(script));
  }

  @Test
  void spiderMonkeyConstAndRedefinedBuiltInsWork() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            const ROOM = "lobby";
            String.prototype.trim = function() { return "[" + this + "]"; };
            Client.prototype.who = function() { return ROOM.trim(); };
            """);

    assertEquals("[lobby]", whoAmI(script));
  }

  @Test
  void loadRefusesASymbolicLinkLeadingOutOfTheFolder() throws Exception {
    Path outside = Scripts.write(root, "outside/secret.asc", "var secret = 'leaked';");
    Path folder = root.resolve("app");
    Files.createDirectories(folder);
    Files.createSymbolicLink(folder.resolve("link.asc"), outside);
    Scripts.write(
        folder,
        "main.asc",
        """
        var result;
        try { load("link.asc"); result = "loaded"; } catch (e) { result = e.message; }
        Client.prototype.who = function() { return result + "|" + typeof secret; };
        """);

    assertEquals(
        "load: path refused: link.asc|undefined",
        whoAmI(scripts.start(new FakeHost("app", "_definst_", folder))));
  }

  @Test
  void packagedMainFarRuns() throws Exception {
    Path folder = root.resolve("vod");
    Files.createDirectories(folder);
    try (ZipOutputStream zip =
        new ZipOutputStream(Files.newOutputStream(folder.resolve("main.far")))) {
      zip.putNextEntry(new ZipEntry("META-INF/main.MF"));
      zip.write("Signed-App-Hosts: Any\n".getBytes(StandardCharsets.UTF_8));
      zip.putNextEntry(new ZipEntry("main.asc"));
      zip.write(who("main.far").getBytes(StandardCharsets.UTF_8));
    }

    assertEquals("main.far", whoAmI(scripts.start(new FakeHost("vod", "_definst_", folder))));
  }
}
