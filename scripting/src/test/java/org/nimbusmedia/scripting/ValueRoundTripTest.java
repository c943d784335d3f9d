package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.amf.AmfDate;
import org.nimbusmedia.rtmp.amf.AmfEcmaArray;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.AmfUndefined;

/** Values through a whole remote call: client arguments in, the script's return value out. */
class ValueRoundTripTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  @Test
  void echoReturnsWhatTheClientSent() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            function Message(text) { this.text = text; }
            Message.prototype.shout = function() { return this.text.toUpperCase(); };
            application.registerClass("chat.Message", Message);
            Client.prototype.echo = function(v) { return v; };
            Client.prototype.shout = function(m) { return m.shout(); };
            Client.prototype.make = function() { return new Message("made"); };
            """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    List<Object> values =
        List.of(
            AmfObject.of("a", 1.0, "list", List.of("x", "y")),
            AmfEcmaArray.of("0", "a", "name", "n"),
            new AmfDate(86_400_000.0),
            AmfUndefined.INSTANCE,
            "text",
            false);

    for (Object value : values) {
      assertEquals(value, await(script.invoke(client, "echo", List.of(value))));
    }
    assertEquals(
        "HI",
        await(
            script.invoke(
                client, "shout", List.of(AmfObject.typed("chat.Message", "text", "hi")))));
    assertEquals(
        AmfObject.typed("chat.Message", "text", "made"),
        await(script.invoke(client, "make", List.of())));
  }
}
