package org.nimbusmedia.rtmp.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nimbusmedia.rtmp.amf.AmfFixtures;
import org.nimbusmedia.rtmp.amf.AmfFixtures.Fixture;
import org.nimbusmedia.rtmp.amf.AmfLimits;
import org.nimbusmedia.rtmp.amf.AmfObject;
import org.nimbusmedia.rtmp.amf.ObjectEncoding;
import org.nimbusmedia.rtmp.amf.amf3.Amf3Encoder;
import org.nimbusmedia.rtmp.chunk.RawMessage;
import org.nimbusmedia.rtmp.chunk.RtmpChunkEncoder;
import org.nimbusmedia.rtmp.handshake.RtmpClientHandshakeHandler;
import org.nimbusmedia.rtmp.handshake.RtmpServerHandshakeHandler;
import org.nimbusmedia.rtmp.message.MessageType;
import org.nimbusmedia.rtmp.so.SharedObjectCodec;
import org.nimbusmedia.rtmp.so.SharedObjectEvent;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Change;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Clear;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Property;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Remove;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.RequestChange;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.SendMessage;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Status;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.Use;
import org.nimbusmedia.rtmp.so.SharedObjectEvent.UseSuccess;
import org.nimbusmedia.rtmp.so.SharedObjectMessage;

/**
 * Writes the seed corpus of this module's fuzz tests into {@code src/test/resources}, in Jazzer's
 * {@code <TestClass>Inputs/<method>/} layout: real client traffic ({@link AmfFixtures}) and
 * messages made by our own encoders and handshake client. Not a test: run it when the encoders
 * change (FUZZING.md), with {@code -Dnimbus.writeSeeds=true -Dtest=SeedCorpusWriter}.
 */
@EnabledIfSystemProperty(named = "nimbus.writeSeeds", matches = "true")
class SeedCorpusWriter {

  private static final Path RESOURCES = Path.of("src/test/resources/org/nimbusmedia/rtmp");

  /** Piece-size bytes that the channel fuzz tests read first: whole input, and byte by byte. */
  private static final byte[] PIECES = {(byte) 0xFF, 0x00};

  @Test
  void write() throws IOException {
    writeAmf();
    writeChunks();
    writeHandshakes();
    writeSharedObjects();
  }

  private static void writeAmf() throws IOException {
    for (Fixture fixture : AmfFixtures.all()) {
      seed(
          "amf/AmfFuzzTestInputs/" + (fixture.amf3() ? "amf3" : "amf0"),
          fixture.name(),
          fixture.bytes());
      if (!fixture.amf3()) {
        ByteBuf out = Unpooled.buffer();
        new Amf3Encoder().encodeAll(fixture.values(), out);
        seed("amf/AmfFuzzTestInputs/amf3", fixture.name() + "-as-amf3", readAll(out));
      }
    }
  }

  /** A publisher's first messages as chunks: connect, chunk size, metadata, audio and video. */
  private static byte[] publisherChunks() {
    EmbeddedChannel channel = new EmbeddedChannel(new RtmpChunkEncoder());
    channel.writeOutbound(
        raw(3, MessageType.COMMAND_AMF0, 0, 0, AmfFixtures.rtmpdumpConnect().bytes()),
        raw(2, MessageType.WINDOW_ACKNOWLEDGEMENT_SIZE, 0, 0, new byte[] {0, 0, 0x10, 0}),
        raw(4, MessageType.DATA_AMF0, 1, 0, AmfFixtures.ffmpegOnMetaData().bytes()),
        raw(4, MessageType.AUDIO, 1, 0, filled(300, 0xAF)),
        raw(6, MessageType.VIDEO, 1, 0, filled(1000, 0x17)),
        raw(6, MessageType.VIDEO, 1, 40, filled(1000, 0x27)),
        raw(2, MessageType.SET_CHUNK_SIZE, 0, 0, new byte[] {0, 0, 0x10, 0}),
        raw(6, MessageType.VIDEO, 1, 0x01000000L, filled(3000, 0x27)),
        raw(2, MessageType.ABORT, 0, 0, new byte[] {0, 0, 0, 6}),
        raw(4, MessageType.AUDIO, 1, 0x01000010L, filled(20, 0xAF)));
    return readOutbound(channel);
  }

  private static void writeChunks() throws IOException {
    byte[] chunks = publisherChunks();
    for (byte piece : PIECES) {
      seed(
          "chunk/RtmpChunkDecoderFuzzTestInputs/chunks",
          "publisher-" + (piece & 0xFF),
          prefixed(piece, chunks));
    }
  }

  /** C0+C1, C2 and a connect from our client, whose C1 carries a Flash Player digest. */
  private static void writeHandshakes() throws IOException {
    EmbeddedChannel client =
        new EmbeddedChannel(new RtmpClientHandshakeHandler(Duration.ofMinutes(1), new Random(1)));
    EmbeddedChannel server =
        new EmbeddedChannel(new RtmpServerHandshakeHandler(Duration.ofMinutes(1), new Random(2)));
    byte[] c0c1 = readOutbound(client);
    server.writeInbound(Unpooled.wrappedBuffer(c0c1));
    client.writeInbound(Unpooled.wrappedBuffer(readOutbound(server)));
    byte[] c2 = readOutbound(client);
    byte[] digest = concat(c0c1, c2, publisherChunks());
    // ffmpeg-style C1: a non-zero version and no valid digest gets the simple handshake.
    byte[] plain = digest.clone();
    Arrays.fill(plain, 9, 1 + 1536, (byte) 0x5A);
    // The simple handshake of RTMP 1.0 section 5.2.3: zero version bytes.
    byte[] simple = plain.clone();
    Arrays.fill(simple, 5, 9, (byte) 0);
    client.finishAndReleaseAll();
    server.finishAndReleaseAll();
    for (byte piece : new byte[] {(byte) 0xFF, 0x10}) {
      String dir = "handshake/RtmpServerHandshakeFuzzTestInputs/handshake";
      seed(dir, "flash-digest-" + (piece & 0xFF), prefixed(piece, digest));
      seed(dir, "no-digest-" + (piece & 0xFF), prefixed(piece, plain));
      seed(dir, "simple-" + (piece & 0xFF), prefixed(piece, simple));
    }
  }

  private static void writeSharedObjects() throws IOException {
    List<SharedObjectEvent> events =
        List.of(
            new Use(),
            new RequestChange(List.of(new Property("msg", "hi"), new Property("n", 2.0))),
            new Change(
                List.of(
                    new Property("user", AmfObject.of("name", "ann", "age", 7.0)),
                    new Property("list", List.of(1.0, "two", true)))),
            new SendMessage("chat", List.of("hello", 1.0)),
            new Status("SharedObject.BadPersistence", "error"),
            new Remove("msg"),
            new Clear(),
            new UseSuccess());
    SharedObjectCodec codec = new SharedObjectCodec(AmfLimits.DEFAULT);
    for (ObjectEncoding encoding : ObjectEncoding.values()) {
      ByteBuf out = Unpooled.buffer();
      codec.encode(SharedObjectMessage.of(encoding, "chat/room1", 3, true, events), out);
      byte type = (byte) (encoding == ObjectEncoding.AMF0 ? 0 : 1);
      seed(
          "so/SharedObjectCodecFuzzTestInputs/message",
          "chat-" + encoding,
          prefixed(type, readAll(out)));
    }
  }

  private static RawMessage raw(int csid, int type, int stream, long timestamp, byte[] payload) {
    return new RawMessage(csid, type, stream, timestamp, Unpooled.wrappedBuffer(payload));
  }

  private static byte[] filled(int length, int first) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    bytes[0] = (byte) first;
    return bytes;
  }

  private static byte[] readOutbound(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
      all.writeBytes(out);
      out.release();
    }
    return readAll(all);
  }

  private static byte[] readAll(ByteBuf buf) {
    try {
      return ByteBufUtil.getBytes(buf);
    } finally {
      buf.release();
    }
  }

  private static byte[] prefixed(byte first, byte[] rest) {
    return concat(new byte[] {first}, rest);
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuf all = Unpooled.buffer();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return readAll(all);
  }

  private static void seed(String dir, String name, byte[] bytes) throws IOException {
    Path path = RESOURCES.resolve(dir).resolve(name.replace(' ', '-'));
    Files.createDirectories(path.getParent());
    Files.write(path, bytes);
  }
}
