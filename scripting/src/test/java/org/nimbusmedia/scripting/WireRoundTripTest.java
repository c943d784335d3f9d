package org.nimbusmedia.scripting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nimbusmedia.scripting.Scripts.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;

/**
 * What a script returns, encoded by the AMF codec as the server will send it, decoded as a client
 * would read it, and sent back to the script: the script sees the same value again.
 */
class WireRoundTripTest {

  private final Scripts scripts = new Scripts();

  @TempDir Path root;

  @AfterEach
  void close() throws Exception {
    scripts.close();
  }

  private static Object throughTheWire(Object value, ObjectEncoding encoding) {
    ByteBuf buffer = Unpooled.buffer();
    try {
      new Amf0Encoder().encodeAll(List.of(value), encoding, buffer);
      return new Amf0Decoder().decodeAll(buffer, encoding).get(0);
    } finally {
      buffer.release();
    }
  }

  @ParameterizedTest
  @EnumSource(ObjectEncoding.class)
  void scriptValuesSurviveEncodingAndDecoding(ObjectEncoding encoding) throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            function Point(x, y) { this.x = x; this.y = y; }
            application.registerClass("geo.Point", Point);
            function sample() {
              var holes = []; holes[0] = "a"; holes[3] = "d";
              return {
                text: "héllo", number: 1.5, yes: true, nothing: null, missing: undefined,
                list: [1, "two", [3]], holes: holes, when: new Date(Date.UTC(2010, 11, 1)),
                point: new Point(1, 2), nested: {deep: {deeper: "x"}}
              };
            }
            Client.prototype.sample = sample;
            Client.prototype.same = function(v) {
              var s = sample();
              return [v.text == s.text, v.number == s.number, v.yes === true, v.nothing === null,
                      v.list[2][0] == 3, v.holes[3] == "d", v.holes[1] === undefined,
                      v.when.getTime() == s.when.getTime(), v.point instanceof Point,
                      v.point.y == 2, v.nested.deep.deeper == "x"].join(",");
            };
            """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    Object sent = await(script.invoke(client, "sample", List.of()));
    Object received = throughTheWire(sent, encoding);

    assertEquals(
        "true,true,true,true,true,true,true,true,true,true,true",
        await(script.invoke(client, "same", List.of(received))));
  }

  @Test
  void undefinedAndNullStayApartOnTheWire() throws Exception {
    ApplicationScript script =
        scripts.start(
            root,
            """
            Client.prototype.kinds = function(a, b) {
              return (a === undefined) + "," + (b === null);
            };
            Client.prototype.pair = function() { return [undefined, null]; };
            """);
    FakeClient client = new FakeClient("1");
    await(script.connect(client, List.of()));

    List<?> pair =
        (List<?>)
            throughTheWire(await(script.invoke(client, "pair", List.of())), ObjectEncoding.AMF0);

    assertEquals("true,true", await(script.invoke(client, "kinds", new ArrayList<Object>(pair))));
  }
}
