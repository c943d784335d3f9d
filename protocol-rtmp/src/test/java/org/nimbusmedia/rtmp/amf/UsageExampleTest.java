package org.nimbusmedia.rtmp.amf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Decoder;
import org.nimbusmedia.rtmp.amf.amf0.Amf0Encoder;

/** The example of the package documentation, run against the Flash Player 10 connect. */
class UsageExampleTest {

  @Test
  void answersAConnectInTheClientsObjectEncoding() {
    ByteBuf body = Hex.buffer(AmfFixtures.flashPlayer10Connect().bytes());
    ByteBuf out = Unpooled.buffer();
    try {
      List<Object> command = new Amf0Decoder(AmfLimits.DEFAULT).decodeAll(body);
      String name = (String) command.get(0);
      AmfObject info = (AmfObject) command.get(2);
      ObjectEncoding encoding =
          ObjectEncoding.of((Double) info.getOrDefault("objectEncoding", 0.0));
      List<Object> result =
          Arrays.asList(
              "_result",
              command.get(1),
              null,
              AmfObject.of("code", "NetConnection.Connect.Success", "level", "status"));
      new Amf0Encoder().encodeAll(result, encoding, out);

      assertEquals("connect", name);
      assertEquals(ObjectEncoding.AMF3, encoding);
      assertEquals(result, new Amf0Decoder().decodeAll(out, encoding));
    } finally {
      body.release();
      out.release();
    }
  }
}
