package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.scripting.Scripts.await;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ActionScript 1 {@code XML} class (FMS 4 SSASLR, XML class), without load/send. */
class XmlTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  private Object run(String body, Object... args) throws Exception {
    ApplicationScript script =
        scripts.start(root, "Client.prototype.run = function(text) {\n" + body + "\n};");
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));
    return await(script.invoke(client, "run", List.of(args)));
  }

  @Test
  void parsesAndNavigatesAnAuthenticationAnswer() throws Exception {
    Object result =
        run(
            """
            var doc = new XML();
            doc.ignoreWhite = true;
            doc.parseXML(text);
            var answer = doc.firstChild;
            var user = answer.firstChild;
            return [doc.status, answer.nodeName, answer.attributes.ok, user.nodeName,
                    user.firstChild.nodeValue, user.nextSibling.nodeName,
                    answer.childNodes.length, user.parentNode === answer].join("|");
            """,
            "<?xml version=\"1.0\"?>\n<auth ok=\"yes\">\n  <user>alice &amp; co</user>\n"
                + "  <role/>\n</auth>");

    assertEquals("0|auth|yes|user|alice & co|role|2|true", result);
  }

  @Test
  void buildsAndSerializesADocument() throws Exception {
    Object result =
        run(
            """
            var doc = new XML();
            var room = doc.createElement("room");
            room.attributes.name = 'a "quoted" <name>';
            room.appendChild(doc.createTextNode("5 < 6"));
            doc.appendChild(room);
            doc.appendChild(doc.createElement("empty"));
            return doc.toString() + "|" + new XML(doc.toString()).firstChild.attributes.name;
            """,
            "");

    assertEquals(
        "<room name=\"a &quot;quoted&quot; &lt;name&gt;\">5 &lt; 6</room><empty />"
            + "|a \"quoted\" <name>",
        result);
  }

  @Test
  void malformedTextAndDoctypesGiveAnErrorStatus() throws Exception {
    assertEquals(-1.0, run("return new XML(text).status;", "<open><unclosed></open>"));
    assertEquals(
        -1.0,
        run(
            "return new XML(text).status;",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));
  }
}
