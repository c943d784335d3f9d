package org.nimbusmedia.rtmp.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Handshake tests: RTMP 1.0 section 5.2 for the simple handshake, and known-answer tests of the
 * Flash Player 9+ digest handshake with the digest computed here the way librtmp computes it
 * (fms4.md section 4), independently of {@link HandshakeDigest}.
 */
class RtmpHandshakeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int N = 1536;

  /** The shared 32-byte tail of the Flash Player and FMS keys (librtmp handshake.h). */
  private static final byte[] KEY_TAIL =
      HexFormat.of().parseHex("f0eec24a8068bee82e00d0d1029e7e576eec5d2d29806fab93b8e636cfeb31ae");

  private static final byte[] FP_KEY_30 = ascii("Genuine Adobe Flash Player 001");
  private static final byte[] FMS_KEY_36 = ascii("Genuine Adobe Flash Media Server 001");
  private static final byte[] FMS_KEY_68 = concat(FMS_KEY_36, KEY_TAIL);

  /** Records user events and passes everything else on. */
  private static final class EventRecorder extends ChannelInboundHandlerAdapter {
    final List<Object> events = new ArrayList<>();

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      events.add(evt);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static byte[] hmac(byte[] key, byte[] data, int from, int to) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update(data, from, to - from);
    return mac.doFinal();
  }

  /** librtmp GetDigestOffset1 (scheme 0) and GetDigestOffset2 (scheme 1). */
  private static int digestOffset(byte[] packet, int scheme) {
    int at = scheme == 0 ? 8 : 772;
    int sum = (packet[at] & 0xff) + (packet[at + 1] & 0xff);
    sum += (packet[at + 2] & 0xff) + (packet[at + 3] & 0xff);
    return sum % 728 + (scheme == 0 ? 12 : 776);
  }

  /** HMAC over the packet without the 32 bytes at the offset (librtmp CalculateDigest). */
  private static byte[] digestAround(byte[] packet, int offset, byte[] key) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update(packet, 0, offset);
    mac.update(packet, offset + 32, N - offset - 32);
    return mac.doFinal();
  }

  /** A C1 built as librtmp builds it: time, version 9.0.124.2, random, digest at the offset. */
  private static byte[] librtmpC1(int scheme, long seed) throws Exception {
    byte[] c1 = new byte[N];
    new Random(seed).nextBytes(c1);
    c1[0] = c1[1] = c1[2] = c1[3] = 0; // time 0
    c1[4] = 9; // version 9.0.124.2
    c1[5] = 0;
    c1[6] = 124;
    c1[7] = 2;
    int offset = digestOffset(c1, scheme);
    System.arraycopy(digestAround(c1, offset, FP_KEY_30), 0, c1, offset, 32);
    return c1;
  }

  private static ByteBuf c0c1(byte[] c1) {
    return Unpooled.buffer().writeByte(3).writeBytes(c1);
  }

  private static byte[] readAll(EmbeddedChannel channel) {
    ByteBuf all = Unpooled.buffer();
    ByteBuf part;
    while ((part = channel.readOutbound()) != null) {
      all.writeBytes(part);
      part.release();
    }
    byte[] bytes = ByteBufUtil.getBytes(all);
    all.release();
    return bytes;
  }

  private static EmbeddedChannel server(EventRecorder recorder) {
    return new EmbeddedChannel(new RtmpServerHandshakeHandler(TIMEOUT, new Random(7)), recorder);
  }

  @Test
  void simpleHandshakeEchoesC1AndPassesOnTheBytesAfterC2() {
    EventRecorder recorder = new EventRecorder();
    EmbeddedChannel channel = server(recorder);
    byte[] c1 = new byte[N];
    new Random(1).nextBytes(c1);
    c1[4] = c1[5] = c1[6] = c1[7] = 0; // version 0: simple handshake (5.2.3)
    channel.writeInbound(c0c1(c1));

    byte[] response = readAll(channel);
    assertEquals(1 + 2 * N, response.length);
    assertEquals(3, response[0], "S0");
    assertArrayEquals(new byte[] {0, 0, 0, 0}, Arrays.copyOfRange(response, 5, 9), "S1 zeros");
    assertArrayEquals(c1, Arrays.copyOfRange(response, 1 + N, 1 + 2 * N), "S2 echoes C1");

    // C2 and the first chunk in the same read: the chunk bytes go on down the pipeline.
    ByteBuf c2AndChunk = Unpooled.buffer().writeBytes(response, 1, N).writeBytes(new byte[] {2, 9});
    channel.writeInbound(c2AndChunk);
    ByteBuf leftover = channel.readInbound();
    assertArrayEquals(new byte[] {2, 9}, ByteBufUtil.getBytes(leftover));
    leftover.release();
    assertEquals(List.of(new HandshakeCompleted(false)), recorder.events);
    assertNull(channel.pipeline().get(RtmpServerHandshakeHandler.class), "removed itself");
    assertFalse(channel.finish());
  }

  private void assertDigestHandshake(int scheme) throws Exception {
    EventRecorder recorder = new EventRecorder();
    EmbeddedChannel channel = server(recorder);
    byte[] c1 = librtmpC1(scheme, 100 + scheme);
    int clientOffset = digestOffset(c1, scheme);
    byte[] clientDigest = Arrays.copyOfRange(c1, clientOffset, clientOffset + 32);
    channel.writeInbound(c0c1(c1));

    byte[] response = readAll(channel);
    assertEquals(3, response[0]);
    byte[] s1 = Arrays.copyOfRange(response, 1, 1 + N);
    byte[] s2 = Arrays.copyOfRange(response, 1 + N, 1 + 2 * N);
    assertArrayEquals(new byte[] {4, 5, 0, 1}, Arrays.copyOfRange(s1, 4, 8), "FMS version");
    // S1 digest: same scheme as the client, FMS key.
    int serverOffset = digestOffset(s1, scheme);
    assertArrayEquals(
        digestAround(s1, serverOffset, FMS_KEY_36),
        Arrays.copyOfRange(s1, serverOffset, serverOffset + 32),
        "S1 digest");
    // S2: last 32 bytes = HMAC(HMAC(FMS key 68, client digest), S2[0..1504)).
    byte[] s2Key = hmac(FMS_KEY_68, clientDigest, 0, 32);
    assertArrayEquals(hmac(s2Key, s2, 0, N - 32), Arrays.copyOfRange(s2, N - 32, N), "S2");

    channel.writeInbound(Unpooled.wrappedBuffer(new byte[N]));
    assertEquals(List.of(new HandshakeCompleted(true)), recorder.events);
    assertFalse(channel.finish());
  }

  @Test
  void digestHandshakeScheme0() throws Exception {
    assertDigestHandshake(0);
  }

  @Test
  void digestHandshakeScheme1() throws Exception {
    assertDigestHandshake(1);
  }

  @Test
  void nonZeroVersionWithoutValidDigestFallsBackToSimple() throws Exception {
    EventRecorder recorder = new EventRecorder();
    EmbeddedChannel channel = server(recorder);
    byte[] c1 = librtmpC1(0, 5);
    c1[digestOffset(c1, 0)] ^= 1; // break the digest
    channel.writeInbound(c0c1(c1));
    byte[] response = readAll(channel);
    assertArrayEquals(c1, Arrays.copyOfRange(response, 1 + N, 1 + 2 * N), "S2 echoes C1");
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[N]));
    assertEquals(List.of(new HandshakeCompleted(false)), recorder.events);
    assertFalse(channel.finish());
  }

  @Test
  void everyFragmentSizeCompletesTheHandshake() throws Exception {
    byte[] c1 = librtmpC1(0, 9);
    byte[] input = new byte[1 + 2 * N + 3];
    input[0] = 3;
    System.arraycopy(c1, 0, input, 1, N);
    input[input.length - 3] = 4; // three bytes of chunk data after C2
    input[input.length - 2] = 5;
    input[input.length - 1] = 6;
    for (int fragment = 1; fragment <= input.length; fragment += fragment < 64 ? 1 : 61) {
      EventRecorder recorder = new EventRecorder();
      EmbeddedChannel channel = server(recorder);
      for (int offset = 0; offset < input.length; offset += fragment) {
        channel.writeInbound(
            Unpooled.copiedBuffer(input, offset, Math.min(fragment, input.length - offset)));
      }
      assertEquals(List.of(new HandshakeCompleted(true)), recorder.events, "size " + fragment);
      ByteBuf rest = Unpooled.buffer();
      ByteBuf part;
      while ((part = channel.readInbound()) != null) {
        rest.writeBytes(part);
        part.release();
      }
      assertArrayEquals(new byte[] {4, 5, 6}, ByteBufUtil.getBytes(rest), "size " + fragment);
      rest.release();
      readAll(channel);
      assertFalse(channel.finish());
    }
  }

  @Test
  void ourClientAndServerCompleteADigestHandshake() {
    EventRecorder serverEvents = new EventRecorder();
    EventRecorder clientEvents = new EventRecorder();
    EmbeddedChannel server = server(serverEvents);
    EmbeddedChannel client =
        new EmbeddedChannel(new RtmpClientHandshakeHandler(TIMEOUT, new Random(3)), clientEvents);
    // Shuttle bytes both ways until nothing moves.
    boolean moved = true;
    while (moved) {
      moved = false;
      ByteBuf buf;
      while ((buf = client.readOutbound()) != null) {
        server.writeInbound(buf);
        moved = true;
      }
      while ((buf = server.readOutbound()) != null) {
        client.writeInbound(buf);
        moved = true;
      }
    }
    assertEquals(List.of(new HandshakeCompleted(true)), serverEvents.events);
    assertEquals(List.of(new HandshakeCompleted(true)), clientEvents.events);
    assertNull(client.pipeline().get(RtmpClientHandshakeHandler.class));
    assertFalse(server.finish());
    assertFalse(client.finish());
  }

  @Test
  void clientC1DigestValidatesUnderScheme0() throws Exception {
    EmbeddedChannel client =
        new EmbeddedChannel(new RtmpClientHandshakeHandler(TIMEOUT, new Random(3)));
    byte[] hello = readAll(client);
    assertEquals(1 + N, hello.length);
    byte[] c1 = Arrays.copyOfRange(hello, 1, 1 + N);
    assertArrayEquals(new byte[] {10, 0, 45, 2}, Arrays.copyOfRange(c1, 4, 8));
    int offset = digestOffset(c1, 0);
    assertArrayEquals(
        digestAround(c1, offset, FP_KEY_30), Arrays.copyOfRange(c1, offset, offset + 32));
    client.finishAndReleaseAll();
  }

  @Test
  void rtmpeIsRefusedAndTheChannelClosed() {
    EmbeddedChannel channel = server(new EventRecorder());
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {6, 0, 0}));
    assertFalse(channel.isActive());
    assertNull(channel.readOutbound());
    assertFalse(channel.finish());
  }

  @Test
  void truncatedHandshakeTimesOutAndCloses() {
    EventRecorder recorder = new EventRecorder();
    EmbeddedChannel channel = server(recorder);
    channel.writeInbound(Unpooled.buffer().writeByte(3).writeBytes(new byte[N / 2]));
    channel.advanceTimeBy(4, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isActive(), "still within the timeout");
    channel.advanceTimeBy(2, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isActive(), "closed after the timeout");
    assertTrue(recorder.events.isEmpty());
    assertFalse(channel.finish());
  }

  @Test
  void finishedHandshakeDoesNotTimeOut() {
    EmbeddedChannel channel = server(new EventRecorder());
    byte[] c1 = new byte[N];
    channel.writeInbound(c0c1(c1));
    channel.writeInbound(Unpooled.wrappedBuffer(new byte[N]));
    readAll(channel);
    channel.advanceTimeBy(10, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isActive());
    assertFalse(channel.finish());
  }

  @Test
  void clientTimesOutWithoutAnAnswer() {
    EmbeddedChannel client =
        new EmbeddedChannel(new RtmpClientHandshakeHandler(TIMEOUT, new Random(3)));
    readAll(client);
    client.advanceTimeBy(6, TimeUnit.SECONDS);
    client.runScheduledPendingTasks();
    assertFalse(client.isActive());
    assertFalse(client.finish());
  }
}
