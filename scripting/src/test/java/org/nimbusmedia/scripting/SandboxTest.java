package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts cannot reach Java unless the operator allows it. */
class SandboxTest {

  private static final String PROBE =
      """
      Client.prototype.probe = function() {
        var seen = [typeof Packages, typeof java, typeof javax, typeof JavaImporter];
        try { seen.push(String(java.lang.System.getProperty("user.home") != null)); }
        catch (e) { seen.push(e.name); }
        return seen.join(",");
      };
      """;

  private Scripts scripts;

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void javaIsUnreachableByDefault() throws Exception {
    scripts = new Scripts();
    ApplicationScript script = scripts.start(root, PROBE);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals(
        "undefined,undefined,undefined,undefined,ReferenceError",
        await(script.invoke(client, "probe", List.of())));
  }

  @Test
  void javaIsReachableWhenAllowed() throws Exception {
    scripts = new Scripts(ScriptingConfig.defaults().withJavaAccess(true));
    ApplicationScript script = scripts.start(root, PROBE);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    assertEquals(
        "object,object,object,function,true", await(script.invoke(client, "probe", List.of())));
  }
}
