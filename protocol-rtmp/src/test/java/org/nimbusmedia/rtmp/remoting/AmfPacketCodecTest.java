package org.nimbusmedia.rtmp.remoting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;

/** AMF packets (AMF0 specification section 4) byte for byte, and bad input. */
class AmfPacketCodecTest {

  /** {@code nc.call("math.add", responder, 1, 2)} to a gateway, as Flash Player 8 writes it. */
  private static final String CALL =
      "0000" // version 0
          + "0001" // one header
          + "000b"
          + hex("Credentials")
          + "00" // name, must-understand false
          + "0000001e" // header value length
          + "03" // object
          + "0006"
          + hex("userid")
          + "02"
          + "0001"
          + hex("u") // userid: "u"
          + "0008"
          + hex("password")
          + "02"
          + "0001"
          + hex("p") // password: "p"
          + "000009" // object end
          + "0001" // one message
          + "0008"
          + hex("math.add") // target
          + "0002"
          + hex("/1") // response URI
          + "00000017" // value length
          + "0a00000002" // strict array of 2
          + "003ff0000000000000" // 1.0
          + "004000000000000000"; // 2.0

  private static String hex(String ascii) {
    return ByteBufUtil.hexDump(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static AmfPacket callPacket() {
    return new AmfPacket(
        0,
        List.of(
            new AmfPacket.Header(
                "Credentials", false, AmfObject.of("userid", "u", "password", "p"))),
        List.of(new AmfPacket.Message("math.add", "/1", List.of(1.0, 2.0))));
  }

  @Test
  void encodesACallAsFlashPlayerDoes() {
    ByteBuf out = Unpooled.buffer();
    try {
      AmfPacketCodec.encode(callPacket(), out);
      assertEquals(CALL, ByteBufUtil.hexDump(out));
    } finally {
      out.release();
    }
  }

  @Test
  void decodesWhatItEncodes() {
    ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(CALL));
    try {
      assertEquals(callPacket(), AmfPacketCodec.decode(in, AmfLimits.DEFAULT));
    } finally {
      in.release();
    }
  }

  @Test
  void everyTruncationIsReportedNotThrownAsSomethingElse() {
    byte[] whole = ByteBufUtil.decodeHexDump(CALL);
    for (int length = 0; length < whole.length; length++) {
      ByteBuf in = Unpooled.wrappedBuffer(whole, 0, length);
      try {
        assertThrows(
            AmfException.class,
            () -> AmfPacketCodec.decode(in, AmfLimits.DEFAULT),
            "packet cut at " + length);
      } finally {
        in.release();
      }
    }
  }

  @Test
  void aHugeMessageCountIsRefusedBeforeAllocating() {
    ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("00000000ffff"));
    try {
      AmfException e =
          assertThrows(AmfException.class, () -> AmfPacketCodec.decode(in, AmfLimits.DEFAULT));
      assertEquals(AmfException.Reason.TRUNCATED, e.reason());
    } finally {
      in.release();
    }
  }

  @Test
  void aWrongValueLengthIsMalformed() {
    byte[] bytes = ByteBufUtil.decodeHexDump(CALL.replace("00000017", "00000016"));
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    try {
      AmfException e =
          assertThrows(AmfException.class, () -> AmfPacketCodec.decode(in, AmfLimits.DEFAULT));
      assertEquals(AmfException.Reason.MALFORMED, e.reason());
    } finally {
      in.release();
    }
  }
}
