package org.nimbusmedia.rtmp.so;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nimbusmedia.rtmp.amf.AmfException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.chunk.Bytes;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpChunkDecoder;
import org.nimbusmedia.rtmp.chunk.RtmpChunkEncoder;
import org.nimbusmedia.rtmp.chunk.RtmpLimits;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.message.RtmpMessageCodec;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Clear;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Release;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Remove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestRemove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Success;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Use;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.UseSuccess;

/** The shared object message layout of fms4.md section 2, with annotated byte fixtures. */
class SharedObjectCodecTest {

  /** An AMF0 (0x13) message with every server-to-client event type. */
  private static final String SERVER_EVENTS_AMF0 =
      """
      0004 63686174        // name "chat"
      00000005             // version 5
      00000002             // flags: persistent (0x02)
      00000000             // reserved
      0b 00000000          // UseSuccess (11), no data
      08 00000000          // Clear (8), no data
      04 0000000a          // Change (4), 10 bytes
         0003 6d7367       //   key "msg"
         02 0002 6869      //   AMF0 string "hi"
      05 00000005          // Success (5)
         0003 6d7367       //   key "msg"
      09 00000005          // Remove (9)
         0003 6d7367       //   key "msg"
      06 00000010          // SendMessage (6), 16 bytes
         02 0004 70696e67  //   AMF0 string handler "ping"
         00 3ff0000000000000 // AMF0 number 1
      07 0000000a          // Status (7), 10 bytes
         0004 636f6465     //   code "code"
         0002 6c76         //   level "lv"
      """;

  /** An AMF0 message with every client-to-server event type. */
  private static final String CLIENT_EVENTS_AMF0 =
      """
      0004 63686174        // name "chat"
      00000000             // version 0 (first use)
      00000000             // flags: temporary
      00000000             // reserved
      01 00000000          // Use (1)
      03 00000010          // RequestChange (3), 16 bytes, two pairs
         0001 61           //   key "a"
         00 4000000000000000 // AMF0 number 2
         0001 62           //   key "b"
         05                //   AMF0 null
      0a 00000004          // RequestRemove (10)
         0002 6162         //   key "ab"
      02 00000000          // Release (2)
      """;

  /** An AMF3 (0x10) message: leading 0x00, then AMF0-style strings and an AMF3 object value. */
  private static final String CHANGE_AMF3 =
      """
      00                   // AMF3 format byte
      0001 73              // name "s"
      00000001             // version 1
      00000000             // flags
      00000000             // reserved
      04 0000000c          // Change (4), 12 bytes
         0001 6f           //   key "o"
         11                //   AVM+ marker: AMF3 value follows
         0a 0b 01          //   object, dynamic anonymous traits
         03 61 04 07       //   "a" = integer 7
         01                //   end of dynamic members
      """;

  private static SharedObjectMessage decode(ObjectEncoding encoding, byte[] bytes) {
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    return new SharedObjectCodec(AmfLimits.DEFAULT).decode(0, encoding, in);
  }

  private static byte[] encode(SharedObjectMessage msg) {
    ByteBuf out = Unpooled.buffer();
    new SharedObjectCodec(AmfLimits.DEFAULT).encode(msg, out);
    return Bytes.drain(out);
  }

  private static SharedObjectMessage serverEvents() {
    return SharedObjectMessage.of(
        ObjectEncoding.AMF0,
        "chat",
        5,
        true,
        List.of(
            new UseSuccess(),
            new Clear(),
            new Change(List.of(new Property("msg", "hi"))),
            new Success("msg"),
            new Remove("msg"),
            new SendMessage("ping", List.of(1.0)),
            new Status("code", "lv")));
  }

  private static SharedObjectMessage clientEvents() {
    return SharedObjectMessage.of(
        ObjectEncoding.AMF0,
        "chat",
        0,
        false,
        List.of(
            new Use(),
            new RequestChange(Arrays.asList(new Property("a", 2.0), new Property("b", null))),
            new RequestRemove("ab"),
            new Release()));
  }

  @Test
  void decodesEveryServerEventAmf0() {
    assertEquals(serverEvents(), decode(ObjectEncoding.AMF0, Bytes.hex(SERVER_EVENTS_AMF0)));
  }

  @Test
  void encodesEveryServerEventAmf0ByteForByte() {
    assertArrayEquals(Bytes.hex(SERVER_EVENTS_AMF0), encode(serverEvents()));
  }

  @Test
  void decodesAndEncodesEveryClientEventAmf0() {
    assertEquals(clientEvents(), decode(ObjectEncoding.AMF0, Bytes.hex(CLIENT_EVENTS_AMF0)));
    assertArrayEquals(Bytes.hex(CLIENT_EVENTS_AMF0), encode(clientEvents()));
  }

  @Test
  void amf3MessageCarriesAmf3Values() {
    SharedObjectMessage expected =
        SharedObjectMessage.of(
            ObjectEncoding.AMF3,
            "s",
            1,
            false,
            List.of(new Change(List.of(new Property("o", AmfObject.of("a", 7))))));
    SharedObjectMessage decoded = decode(ObjectEncoding.AMF3, Bytes.hex(CHANGE_AMF3));
    assertEquals("s", decoded.name());
    Change change = (Change) decoded.events().get(0);
    assertEquals(
        7, ((Number) ((AmfObject) change.properties().get(0).value()).get("a")).intValue());
    assertArrayEquals(Bytes.hex(CHANGE_AMF3), encode(expected));
  }

  @ParameterizedTest
  @EnumSource(ObjectEncoding.class)
  void everyEventRoundTripsInBothEncodings(ObjectEncoding encoding) {
    List<SharedObjectEvent> all = new ArrayList<>(serverEvents().events());
    all.addAll(clientEvents().events());
    all.add(new SendMessage("h", Arrays.asList("x", null, AmfObject.of("k", "v"))));
    SharedObjectMessage msg = new SharedObjectMessage(0, encoding, "a/b/c", 0xFFFFFFFFL, true, all);
    byte[] bytes = encode(msg);
    assertEquals(msg, decode(encoding, bytes));
  }

  @Test
  void flagBitsOtherThanPersistentAreIgnored() {
    byte[] bytes = Bytes.hex("0001 61 00000000 00000032 00000000");
    assertTrue(decode(ObjectEncoding.AMF0, bytes).persistent());
    bytes = Bytes.hex("0001 61 00000000 00000030 00000000");
    assertFalse(decode(ObjectEncoding.AMF0, bytes).persistent());
  }

  @Test
  void everyTruncationFailsCleanly() {
    for (String fixture : List.of(SERVER_EVENTS_AMF0, CLIENT_EVENTS_AMF0)) {
      byte[] bytes = Bytes.hex(fixture);
      for (int n = 0; n < bytes.length; n++) {
        byte[] cut = Arrays.copyOf(bytes, n);
        try {
          decode(ObjectEncoding.AMF0, cut);
          // Cutting exactly between events leaves a valid, shorter message.
        } catch (AmfException expected) {
          assertTrue(expected.offset() <= n);
        }
      }
    }
    byte[] amf3 = Bytes.hex(CHANGE_AMF3);
    assertThrows(
        AmfException.class,
        () -> decode(ObjectEncoding.AMF3, Arrays.copyOf(amf3, amf3.length - 1)));
  }

  @Test
  void bitFlipsDecodeOrFailWithAnAmfException() {
    byte[] bytes = Bytes.hex(SERVER_EVENTS_AMF0);
    for (int i = 0; i < bytes.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] flipped = bytes.clone();
        flipped[i] ^= (byte) (1 << bit);
        try {
          decode(ObjectEncoding.AMF0, flipped);
        } catch (AmfException expected) {
          // the documented failure
        }
      }
    }
  }

  @Test
  void eventLengthBeyondTheMessageIsTruncated() {
    byte[] bytes = Bytes.hex("0001 61 00000000 00000000 00000000 04 7fffffff 00");
    AmfException e = assertThrows(AmfException.class, () -> decode(ObjectEncoding.AMF0, bytes));
    assertEquals(AmfException.Reason.TRUNCATED, e.reason());
  }

  @Test
  void unknownEventTypeAndTrailingEventBytesAreMalformed() {
    byte[] unknown = Bytes.hex("0001 61 00000000 00000000 00000000 0d 00000000");
    assertEquals(
        AmfException.Reason.MALFORMED,
        assertThrows(AmfException.class, () -> decode(ObjectEncoding.AMF0, unknown)).reason());
    byte[] trailing = Bytes.hex("0001 61 00000000 00000000 00000000 01 00000001 00");
    assertEquals(
        AmfException.Reason.MALFORMED,
        assertThrows(AmfException.class, () -> decode(ObjectEncoding.AMF0, trailing)).reason());
  }

  @Test
  void eventCountIsLimited() {
    byte[] bytes =
        Bytes.hex("0001 61 00000000 00000000 00000000 01 00000000 01 00000000 01 00000000");
    SharedObjectCodec codec = new SharedObjectCodec(AmfLimits.DEFAULT, 2);
    AmfException e =
        assertThrows(
            AmfException.class,
            () -> codec.decode(0, ObjectEncoding.AMF0, Unpooled.wrappedBuffer(bytes)));
    assertEquals(AmfException.Reason.LIMIT_EXCEEDED, e.reason());
  }

  @Test
  void nameLongerThanTheStringLimitIsRejected() {
    byte[] bytes = Bytes.hex("0010 " + "61".repeat(16) + " 00000000 00000000 00000000");
    SharedObjectCodec codec = new SharedObjectCodec(new AmfLimits(8, 100, 8, 1 << 16));
    AmfException e =
        assertThrows(
            AmfException.class,
            () -> codec.decode(0, ObjectEncoding.AMF0, Unpooled.wrappedBuffer(bytes)));
    assertEquals(AmfException.Reason.LIMIT_EXCEEDED, e.reason());
  }

  private static EmbeddedChannel wire() {
    return new EmbeddedChannel(
        new RtmpChunkDecoder(RtmpLimits.DEFAULTS),
        new RtmpChunkEncoder(),
        new RtmpMessageCodec(),
        new SharedObjectCodec(AmfLimits.DEFAULT));
  }

  @ParameterizedTest
  @EnumSource(ObjectEncoding.class)
  void throughTheChunkLayerAtEveryFragmentSize(ObjectEncoding encoding) {
    SharedObjectMessage msg =
        new SharedObjectMessage(
            0, encoding, "room/1", 3, false, new ArrayList<>(serverEvents().events()));
    EmbeddedChannel sender = wire();
    assertTrue(sender.writeOutbound(msg));
    ByteBuf chunked = Unpooled.buffer();
    ByteBuf part;
    while ((part = sender.readOutbound()) != null) {
      chunked.writeBytes(part);
      part.release();
    }
    assertFalse(sender.finish());
    byte[] bytes = Bytes.drain(chunked);
    for (int size = 1; size <= bytes.length; size++) {
      EmbeddedChannel receiver = wire();
      for (int at = 0; at < bytes.length; at += size) {
        receiver.writeInbound(Unpooled.wrappedBuffer(bytes, at, Math.min(size, bytes.length - at)));
      }
      assertEquals(msg, receiver.readInbound());
      assertFalse(receiver.finish());
    }
  }

  @Test
  void otherRawMessagesPassThrough() {
    EmbeddedChannel channel = new EmbeddedChannel(new SharedObjectCodec(AmfLimits.DEFAULT));
    RawMessage raw = new RawMessage(3, MessageType.COMMAND_AMF0, 0, 0, Unpooled.buffer(1));
    channel.writeInbound(raw);
    RawMessage out = channel.readInbound();
    assertEquals(MessageType.COMMAND_AMF0, out.typeId());
    out.release();
    assertFalse(channel.finish());
  }
}
