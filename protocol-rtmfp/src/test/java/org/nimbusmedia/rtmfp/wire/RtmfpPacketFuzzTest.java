package org.nimbusmedia.rtmfp.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.InternetChecksum;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.flash.FlowMessage;
import org.nimbusmedia.rtmfp.flash.TcMetadata;
import org.nimbusmedia.rtmfp.flow.AckRanges;
import org.nimbusmedia.rtmfp.flow.FlowControlChunks;
import org.nimbusmedia.rtmfp.flow.UserData;
import org.nimbusmedia.rtmfp.handshake.CookieChange;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.ForwardedIHello;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.IIKeying;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.handshake.RIKeying;
import org.nimbusmedia.rtmfp.handshake.Redirect;

/**
 * Fuzz tests of RTMFP datagram opening (RFC 7016 section 2.2.1, RFC 7425 section 4.1), packet
 * framing (RFC 7016 section 2.2.4) and the parsing of every chunk type the Flash profile uses (RFC
 * 7016 section 2.3). For any input the code parses or throws {@link MalformedException}, its only
 * documented failure; anything else is a finding (FUZZING.md).
 *
 * <p>{@link #datagram} feeds raw UDP payloads to {@link Datagrams#open}; since random ciphertext
 * almost never passes the checksum, {@link #packet} seals the input as a packet's plaintext with
 * the default key (what every handshake packet uses) so that the fuzzer explores the framing and
 * the chunk parsers behind it.
 */
class RtmfpPacketFuzzTest {

  private static final PacketCipher DEFAULT_KEY = PacketCipher.defaultKey();

  @FuzzTest
  @Timeout(10)
  void datagram(byte[] input) {
    try {
      parseChunks(Datagrams.open(input.clone(), DEFAULT_KEY));
    } catch (MalformedException expected) {
      // Bad length, bad checksum or bad framing: the endpoint drops the datagram.
    }
  }

  @FuzzTest
  @Timeout(10)
  void packet(byte[] plaintext) {
    byte[] datagram = seal(plaintext);
    if (datagram.length > Datagrams.MAX_SIZE) {
      return;
    }
    try {
      Packet packet = Datagrams.open(datagram, DEFAULT_KEY);
      assertTrue(
          packet.encodedSize() <= datagram.length - 6, "a packet is no larger than its bytes");
      parseChunks(packet);
    } catch (MalformedException expected) {
      // Bad framing or a bad chunk: the endpoint drops the datagram or closes the session.
    }
  }

  /**
   * {@code session id | AES-CBC(checksum | plaintext | 0xFF padding)} with the checksum right, as
   * {@link Datagrams#seal} builds it from a packet.
   */
  static byte[] seal(byte[] plaintext) {
    int padded = (2 + plaintext.length + 15) / 16 * 16;
    byte[] datagram = new byte[4 + padded];
    System.arraycopy(plaintext, 0, datagram, 6, plaintext.length);
    Arrays.fill(datagram, 6 + plaintext.length, datagram.length, (byte) 0xFF);
    int checksum = InternetChecksum.compute(datagram, 6, padded - 2);
    datagram[4] = (byte) (checksum >>> 8);
    datagram[5] = (byte) checksum;
    DEFAULT_KEY.encrypt(datagram, 4, padded);
    return datagram;
  }

  /** Runs each chunk through the parser its type selects, as the endpoint and flows do. */
  private static void parseChunks(Packet packet) {
    UserData previous = null;
    for (Chunk chunk : packet.chunks()) {
      byte[] body = chunk.body();
      switch (chunk.type()) {
        case Chunk.IHELLO -> FlashProfile.parseEpd(IHello.decode(body).epd());
        case Chunk.FORWARDED_IHELLO -> ForwardedIHello.decode(body);
        case Chunk.RHELLO -> {
          RHello hello = RHello.decode(body);
          FlashProfile.supportedGroups(hello.certificate());
          FlashProfile.staticKeys(hello.certificate());
        }
        case Chunk.REDIRECT -> Redirect.decode(body);
        case Chunk.RHELLO_COOKIE_CHANGE -> CookieChange.decode(body);
        case Chunk.IIKEYING -> {
          IIKeying keying = IIKeying.decode(body);
          FlashProfile.peerId(keying.certificate());
          KeyComponent.parse(keying.skic());
        }
        case Chunk.RIKEYING -> KeyComponent.parse(RIKeying.decode(body).skrc());
        case Chunk.USER_DATA, Chunk.NEXT_USER_DATA -> {
          previous = UserData.decode(chunk, previous);
          parseUserData(previous);
        }
        case Chunk.ACK_RANGES -> AckRanges.decode(body);
        case Chunk.BUFFER_PROBE -> FlowControlChunks.flowId(chunk);
        case Chunk.FLOW_EXCEPTION -> FlowControlChunks.exceptionCode(chunk);
        default -> {
          // Pings, closes and bitmaps carry nothing the endpoint parses.
        }
      }
    }
  }

  /** A whole first fragment is a Flash flow message; a metadata option names the NetStream. */
  private static void parseUserData(UserData data) {
    for (RtmfpOption option : data.options()) {
      if (option.type() == UserData.OPTION_METADATA) {
        TcMetadata.decode(option.value());
      }
    }
    if (data.fragmentation() == UserData.FRA_WHOLE && data.dataLength() > 0) {
      FlowMessage.decode(data.data());
    }
  }
}
