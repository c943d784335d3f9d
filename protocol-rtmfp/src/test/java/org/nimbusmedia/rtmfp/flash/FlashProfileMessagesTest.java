package org.nimbusmedia.rtmfp.flash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.command.Command;

class FlashProfileMessagesTest {

  @Test
  void tcMetadataFixtures() {
    // RFC 7425 section 5.1: NetConnection control flow metadata is 54 43 04 00.
    assertArrayEquals(Hex.bytes("54 43 04 00"), TcMetadata.control().encode());
    assertArrayEquals(Hex.bytes("54 43 05 81 00"), new TcMetadata(128, true).encode());
    assertEquals(new TcMetadata(128, true), TcMetadata.decode(Hex.bytes("54 43 05 81 00")));
    assertNull(TcMetadata.decode(Hex.bytes("00 01 02")));
    assertThrows(MalformedException.class, () -> TcMetadata.decode(Hex.bytes("54 43 00 01")));
  }

  @Test
  void flowMessageFixture() {
    // Section 5.1.1: type | u32 timestamp | payload.
    byte[] bytes = Hex.bytes("09 | 00 00 03 e8 | 17 01");
    FlowMessage m = FlowMessage.decode(bytes);
    assertEquals(9, m.type());
    assertEquals(1000, m.timestamp());
    assertArrayEquals(Hex.bytes("17 01"), m.payload());
    assertArrayEquals(bytes, m.encode());
    assertEquals(0xffffffffL, FlowMessage.decode(Hex.bytes("08 ff ff ff ff")).timestamp());
    assertThrows(MalformedException.class, () -> FlowMessage.decode(Hex.bytes("08 00 00")));
  }

  @Test
  void userControlFixtures() {
    // Mona sends 00 29 00003a98 00002710 after NetConnection.Connect.Success (section 5.3.4).
    FlowMessage k = FlashUserControl.keepaliveTimers(15000, 10000);
    assertArrayEquals(Hex.bytes("04 00000000 0029 00003a98 00002710"), k.encode());
    assertEquals(
        new FlashUserControl.KeepaliveTimers(15000, 10000),
        FlashUserControl.parseKeepaliveTimers(k));
    assertEquals(
        new FlashUserControl.KeepaliveTimers(5000, 5000),
        FlashUserControl.parseKeepaliveTimers(FlashUserControl.keepaliveTimers(1, 0)));
    // Flow Sync, user control event 34 (section 5.2).
    FlowMessage sync = FlashUserControl.flowSync(7, 3);
    assertArrayEquals(Hex.bytes("04 00000000 0022 00000007 00000003"), sync.encode());
    assertEquals(new FlashUserControl.FlowSync(7, 3), FlashUserControl.parseFlowSync(sync));
    assertEquals(34, FlashUserControl.eventType(sync));
    assertThrows(MalformedException.class, () -> FlashUserControl.parseFlowSync(k));
  }

  @Test
  void commandsRoundTripInAmf0AndAmf3() {
    FlowCommands codec = new FlowCommands(AmfLimits.DEFAULT);
    FlowMessage m = codec.encode(Command.of("setPeerInfo", 0, null, "127.0.0.1:5000"));
    // 14 | ts 0 | 02 000b "setPeerInfo" | 00 <0.0> | 05 | 02 000e "127.0.0.1:5000"
    assertEquals("14000000000200", Hex.of(m.encode()).substring(0, 14));
    assertEquals(0x05, m.payload()[14 + 9]);
    Command back = codec.decode(m, 0);
    assertEquals("setPeerInfo", back.name());
    assertEquals(List.of("127.0.0.1:5000"), back.arguments());

    Command amf3 = Command.of("hello", 2, null, "x").withEncoding(ObjectEncoding.AMF3).onStream(5);
    FlowMessage m3 = codec.encode(amf3);
    assertEquals(0x11, m3.type());
    // Section 5.3.3: an AMF3 command payload begins with 00.
    assertEquals(0, m3.payload()[0]);
    Command back3 = codec.decode(m3, 5);
    assertEquals(5, back3.streamId());
    assertEquals("hello", back3.name());
    assertEquals(2.0, back3.transactionId());
  }
}
