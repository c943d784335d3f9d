package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.rtmfp.Hex;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.IIKeying;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.handshake.RIKeying;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.Packet;

/**
 * The responder against the handshake datagrams of the two real client families, captured on
 * loopback (src/test/resources/captures): each IHello is answered with an RHello the client
 * accepts, and each IIKeying, with the fresh cookie spliced in, is answered with the RIKeying the
 * client needs (RFC 7016 section 3.5.1, RFC 7425 section 4.6).
 */
class RealClientHandshakeTest {
  private EventLoopGroup group;
  private RtmfpEndpoint server;
  private DatagramSocket client;
  private final Recorder events = new Recorder();

  @BeforeEach
  void start() throws IOException {
    group = new NioEventLoopGroup(1);
    server =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            events,
            true,
            Clock.systemUTC());
    client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    client.setSoTimeout(20_000);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void librtmfpGetsItsRHelloUnderTheDefaultAmplificationLimitAndAChecksumModeRIKeying()
      throws Exception {
    List<byte[]> capture = capture("librtmfp-handshake.hex");
    // The smallest IHello there is: one AES block, 36 bytes on the wire.
    assertEquals(36, capture.get(0).length);

    byte[] rhelloDatagram = exchange(capture.get(0));
    // librtmfp reads a 64-byte cookie and 77 bytes of certificate: 180 bytes, 5 times the IHello.
    assertEquals(180, rhelloDatagram.length);
    RHello rhello = RHello.decode(startupChunk(rhelloDatagram, Chunk.RHELLO).body());
    assertArrayEquals(
        IHello.decode(startupChunk(capture.get(0), Chunk.IHELLO).body()).tag(), rhello.tag());
    assertEquals(64, rhello.cookie().length);
    assertEquals(77, rhello.certificate().length);

    byte[] skrc = keyWith(capture.get(1), rhello.cookie());
    // librtmfp takes the group 2 public key from offset 11 and wants checksum mode (flags 0).
    // The ephemeral key is minimal-length big-endian: 128 bytes, one fewer for each leading zero
    // byte (1 run in 256 has one), and the option's VLU length (key + 2) follows suit.
    int keyLength = skrc.length - 11;
    assertTrue(keyLength > 120 && keyLength <= 128, "key length " + keyLength);
    int optionLength = keyLength + 2;
    byte[] vlu = {(byte) (0x80 | optionLength >>> 7), (byte) (optionLength & 0x7f)};
    assertEquals("031a0000021e00" + Hex.of(vlu) + "0d02", Hex.of(Arrays.copyOf(skrc, 11)));
    assertEquals(keyLength, KeyComponent.parse(skrc).ephemeralKey().length);

    Session session = Recorder.take(events.opened);
    assertEquals(
        "e070105244167c9ae912ae5641ebf699155b951cb1bcc6b8d733c33e5178f047",
        Hex.of(session.farPeerId()));
    assertTrue(session.toString().contains("send checksum, receive checksum"), session::toString);
  }

  @Test
  void tcconnSelectingGroup14AndRequiringHmacAndSequenceNumbersGetsThem() throws Exception {
    List<byte[]> capture = capture("tcconn-handshake.hex");
    RHello rhello = RHello.decode(startupChunk(exchange(capture.get(0)), Chunk.RHELLO).body());

    byte[] skrc = keyWith(capture.get(1), rhello.cookie());
    // tcconn asks for HMAC and sequence numbers (flags 07); we will send both always (04), with
    // a 16-byte HMAC, and answer in the group its key component selected (0x1d = 14) with an
    // ephemeral key (0x0d) for that group.
    assertEquals("031a0410021e04", Hex.of(Arrays.copyOf(skrc, 7)));
    KeyComponent component = KeyComponent.parse(skrc);
    assertEquals(14, component.ephemeralGroup());
    assertTrue(component.ephemeralKey().length <= 256 && component.ephemeralKey().length > 200);

    Session session = Recorder.take(events.opened);
    // The peer ID is SHA-256 of all three static keys of tcconn's certificate (groups 16, 14, 2).
    assertEquals(
        "b8077a7b586a7956500de3344c7ab1923180eaf5a95ae7922449515584da859f",
        Hex.of(session.farPeerId()));
    assertTrue(
        session.toString().contains("send HMAC-16+sequence, receive HMAC-16+sequence"),
        session::toString);
  }

  /** Sends the captured IIKeying with our cookie in place of the capture's; returns the SKRC. */
  private byte[] keyWith(byte[] capturedDatagram, byte[] cookie) throws IOException {
    IIKeying captured = IIKeying.decode(startupChunk(capturedDatagram, Chunk.IIKEYING).body());
    IIKeying keying =
        new IIKeying(
            captured.initiatorSessionId(),
            cookie,
            captured.certificate(),
            captured.skic(),
            captured.signature());
    byte[] datagram =
        Datagrams.seal(
            0,
            PacketCipher.defaultKey(),
            new Packet(Packet.MODE_STARTUP, 0, -1, List.of(keying.toChunk())));
    byte[] answer = exchange(datagram);
    // RIKeying goes out in startup mode to the initiator's session id, under the default key.
    assertEquals(captured.initiatorSessionId(), Datagrams.sessionId(answer));
    return RIKeying.decode(startupChunk(answer, Chunk.RIKEYING).body()).skrc();
  }

  private byte[] exchange(byte[] datagram) throws IOException {
    client.send(new DatagramPacket(datagram, datagram.length, server.localAddress()));
    DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
    client.receive(in);
    return Arrays.copyOf(in.getData(), in.getLength());
  }

  private static Chunk startupChunk(byte[] datagram, int type) {
    Packet packet = Datagrams.open(datagram.clone(), PacketCipher.defaultKey());
    assertEquals(Packet.MODE_STARTUP, packet.mode());
    assertEquals(1, packet.chunks().size());
    assertEquals(type, packet.chunks().get(0).type());
    return packet.chunks().get(0);
  }

  private static List<byte[]> capture(String name) throws IOException {
    try (InputStream in = RealClientHandshakeTest.class.getResourceAsStream("/captures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(Hex::bytes)
          .toList();
    }
  }
}
