package org.nimbusmedia.rtmfp.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.TcMetadata;
import org.nimbusmedia.rtmfp.flow.AckRanges;
import org.nimbusmedia.rtmfp.flow.FlowControlChunks;
import org.nimbusmedia.rtmfp.flow.UserData;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.IIKeying;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.handshake.RIKeying;

/**
 * Writes the seed corpus of {@link RtmfpPacketFuzzTest} into {@code src/test/resources}, in
 * Jazzer's {@code <TestClass>Inputs/<method>/} layout: the packets of a Flash-style handshake and
 * the first session packet, made by our own chunk encoders, as plaintext for {@code packet} and
 * sealed with the default key for {@code datagram}. Not a test: run it when the encoders change
 * (FUZZING.md), with {@code -Dnimbus.writeSeeds=true -Dtest=SeedCorpusWriter}.
 */
@EnabledIfSystemProperty(named = "nimbus.writeSeeds", matches = "true")
class SeedCorpusWriter {

  private static final Path INPUTS =
      Path.of("src/test/resources/org/nimbusmedia/rtmfp/wire/RtmfpPacketFuzzTestInputs");

  /** {@code connect(1.0)} in AMF0: string marker, name, number marker, transaction id. */
  private static final byte[] CONNECT_AMF0 =
      new WireWriter()
          .u8(0x02)
          .u16(7)
          .bytes("connect".getBytes(StandardCharsets.US_ASCII))
          .u8(0x00)
          .bytes(new byte[] {0x3f, (byte) 0xf0, 0, 0, 0, 0, 0, 0})
          .toByteArray();

  @Test
  void write() throws Exception {
    Random random = new Random(7);
    SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
    keys.setSeed(7);
    byte[] tag = bytes(random, 16);
    byte[] cookie = bytes(random, 64);
    int startup = Packet.MODE_STARTUP | Packet.FLAG_TS;
    Map<String, Packet> packets =
        Map.of(
            "ihello",
            new Packet(
                startup,
                100,
                -1,
                List.of(
                    new IHello(FlashProfile.serverEpd("rtmfp://127.0.0.1/live"), tag).toChunk())),
            "rhello",
            new Packet(
                startup,
                101,
                -1,
                List.of(
                    new RHello(
                            tag,
                            cookie,
                            FlashProfile.serverCertificate(
                                bytes(random, 64), List.of(DhGroup.GROUP_2)))
                        .toChunk())),
            "iikeying",
            new Packet(
                startup,
                102,
                -1,
                List.of(
                    new IIKeying(
                            0x01020304,
                            cookie,
                            FlashProfile.clientCertificate(
                                List.of(DhKeyPair.generate(DhGroup.GROUP_2, keys))),
                            KeyComponent.initiator(2, bytes(random, 64)),
                            new byte[] {0x58})
                        .toChunk())),
            "rikeying",
            new Packet(
                startup,
                103,
                -1,
                List.of(
                    new RIKeying(
                            0x05060708,
                            KeyComponent.responder(DhKeyPair.generate(DhGroup.GROUP_2, keys)),
                            new byte[] {0x58})
                        .toChunk())),
            "connect-flow",
            new Packet(
                Packet.MODE_INITIATOR | Packet.FLAG_TS,
                104,
                -1,
                List.of(
                    new UserData(
                            UserData.OPT,
                            2,
                            1,
                            1,
                            List.of(
                                new RtmfpOption(
                                    UserData.OPTION_METADATA, TcMetadata.control().encode())),
                            new FlowMessage(0x14, 0, CONNECT_AMF0).encode())
                        .toChunk(),
                    new Chunk(Chunk.NEXT_USER_DATA, new byte[] {0x00, 0x14, 0, 0, 0, 0, 0x05}),
                    new AckRanges(2, 64, 1, List.of(new AckRanges.Range(3, 4))).toChunk(),
                    FlowControlChunks.bufferProbe(2),
                    FlowControlChunks.flowException(2, 1),
                    new Chunk(Chunk.PING, bytes(random, 4)))));
    PacketCipher cipher = PacketCipher.defaultKey();
    for (Map.Entry<String, Packet> packet : packets.entrySet()) {
      WireWriter plain = new WireWriter();
      packet.getValue().write(plain);
      write("packet", packet.getKey(), plain.toByteArray());
      write("datagram", packet.getKey(), Datagrams.seal(0, cipher, packet.getValue()));
    }
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void write(String method, String name, byte[] bytes) throws IOException {
    Path path = INPUTS.resolve(method).resolve(name);
    Files.createDirectories(path.getParent());
    Files.write(path, bytes);
  }
}
