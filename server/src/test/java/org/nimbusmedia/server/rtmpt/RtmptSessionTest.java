package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.rtmpt.TunnelRequest.Command;

/**
 * One session's byte pipe ({@code reference/fms4.md} section 3), with an {@link EmbeddedChannel} as
 * both ends of the pipe and a hand-driven clock.
 */
class RtmptSessionTest {
  private static final RtmptSettings SETTINGS =
      new RtmptSettings(
          Duration.ofSeconds(60),
          Duration.ofMillis(512),
          Duration.ofSeconds(5),
          1024,
          64,
          16,
          256,
          4,
          1024,
          10,
          List.of(1, 3, 5, 9, 17, 33),
          10,
          "");

  private final AtomicLong now = new AtomicLong();
  private final List<TunnelSession> closed = new ArrayList<>();
  private EmbeddedChannel pipe;
  private TunnelSession session;

  @BeforeEach
  void open() {
    pipe = new EmbeddedChannel();
    pipe.freezeTime();
    session =
        new TunnelSession(
            "s1",
            new InetSocketAddress("127.0.0.1", 5000),
            pipe.eventLoop(),
            SETTINGS,
            now::get,
            closed::add);
    pipe.pipeline().addLast(session.pipeHandler());
    session.pipeConnected(pipe);
    session.attachServerSide(pipe);
    assertTrue(session.ready().isSuccess());
  }

  @AfterEach
  void finish() {
    session.close("test over");
    pipe.finishAndReleaseAll();
  }

  /** A reply slot that records what it was answered with. */
  private static final class Recorded implements TunnelReply {
    byte[] body;
    HttpResponseStatus failure;
    boolean open = true;

    @Override
    public void ok(ByteBuf buffer) {
      body = ByteBufUtil.getBytes(buffer);
      buffer.release();
    }

    @Override
    public void fail(HttpResponseStatus status) {
      failure = status;
    }

    @Override
    public boolean canAnswer() {
      return open;
    }

    boolean answered() {
      return body != null || failure != null;
    }
  }

  private Recorded request(Command command, int sequence, String body) {
    Recorded reply = new Recorded();
    session.handle(
        new TunnelRequest(command, "s1", sequence),
        Unpooled.copiedBuffer(body, StandardCharsets.ISO_8859_1),
        reply);
    pipe.runPendingTasks();
    return reply;
  }

  /** The RTMP side writes {@code text} to the client. */
  private void serverWrites(String text) {
    pipe.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    pipe.runPendingTasks();
  }

  private String enteredPipe() {
    StringBuilder text = new StringBuilder();
    ByteBuf written;
    while ((written = pipe.readOutbound()) != null) {
      text.append(written.toString(StandardCharsets.ISO_8859_1));
      written.release();
    }
    return text.toString();
  }

  private static byte[] reply(int interval, String data) {
    byte[] bytes = new byte[1 + data.length()];
    bytes[0] = (byte) interval;
    System.arraycopy(data.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 1, data.length());
    return bytes;
  }

  @Test
  void sendPutsTheBodyInThePipeAndTheReplyCarriesWhatCameBack() {
    serverWrites("early");
    Recorded reply = request(Command.SEND, 0, "C0C1");

    assertEquals("C0C1", enteredPipe());
    assertArrayEquals(reply(0x01, "early"), reply.body);
  }

  @Test
  void requestsEnterThePipeInSequenceOrderWhateverOrderTheyArriveIn() {
    Recorded first = request(Command.SEND, 0, "a");
    Recorded third = request(Command.SEND, 2, "c");
    Recorded fourth = request(Command.SEND, 3, "d");
    assertEquals("a", enteredPipe());
    assertFalse(third.answered());

    Recorded second = request(Command.SEND, 1, "b");

    assertEquals("bcd", enteredPipe());
    assertTrue(first.answered() && second.answered() && third.answered() && fourth.answered());
  }

  @Test
  void aRepeatedRequestIsAnsweredButItsBytesDoNotEnterThePipeTwice() {
    request(Command.SEND, 0, "a");
    enteredPipe();

    Recorded repeat = request(Command.SEND, 0, "a");

    assertEquals("", enteredPipe());
    assertEquals(1, repeat.body.length);
  }

  @Test
  void aRequestTooFarAheadIsABadRequest() {
    request(Command.SEND, 0, "a");

    Recorded far = request(Command.SEND, 1 + SETTINGS.maxPipelined() + 1, "x");

    assertEquals(HttpResponseStatus.BAD_REQUEST, far.failure);
  }

  @Test
  void aGapThatNeverClosesEndsTheSession() {
    request(Command.SEND, 0, "a");
    Recorded parked = request(Command.SEND, 2, "c");

    pipe.advanceTimeBy(SETTINGS.gapTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
    pipe.runPendingTasks();

    assertArrayEquals(new byte[] {0x00}, parked.body, "the close byte");
    assertEquals(List.of(session), closed);
  }

  @Test
  void anIdleIsHeldUntilDataComes() {
    Recorded idle = request(Command.IDLE, 0, "\0");
    assertFalse(idle.answered());

    serverWrites("S0S1S2");

    assertArrayEquals(reply(0x01, "S0S1S2"), idle.body);
    assertEquals("", enteredPipe(), "an idle body is not RTMP data");
  }

  @Test
  void aHeldIdleIsAnsweredEmptyAfterTheIdleAckInterval() {
    Recorded idle = request(Command.IDLE, 0, "\0");

    pipe.advanceTimeBy(SETTINGS.idleAckInterval().toMillis() - 1, TimeUnit.MILLISECONDS);
    pipe.runPendingTasks();
    assertFalse(idle.answered());
    pipe.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    pipe.runPendingTasks();

    assertArrayEquals(new byte[] {0x01}, idle.body);
  }

  @Test
  void aNewRequestReleasesTheHeldIdleFirst() {
    Recorded idle = request(Command.IDLE, 0, "\0");

    Recorded send = request(Command.SEND, 1, "x");

    assertTrue(idle.answered());
    assertTrue(send.answered());
  }

  @Test
  void thePollingIntervalBacksOffOverEmptyRepliesAndDropsWhenDataFlows() {
    int sequence = 0;
    List<Integer> intervals = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Recorded idle = request(Command.IDLE, sequence++, "\0");
      pipe.advanceTimeBy(SETTINGS.idleAckInterval().toMillis(), TimeUnit.MILLISECONDS);
      pipe.runPendingTasks();
      intervals.add(idle.body[0] & 0xFF);
    }
    assertEquals(0x01, intervals.get(9));
    assertEquals(0x03, intervals.get(10));

    Recorded send = request(Command.SEND, sequence, "data");

    assertEquals(0x01, send.body[0]);
  }

  @Test
  void aSessionWithoutRequestsForTheIdleTimeoutExpires() {
    now.addAndGet(SETTINGS.idleTimeout().toNanos());
    session.expireIfIdle();
    assertTrue(closed.isEmpty());

    now.addAndGet(1);
    session.expireIfIdle();

    assertEquals(List.of(session), closed);
    assertEquals(TunnelSession.State.CLOSED, session.state());
    assertFalse(pipe.isOpen(), "the RTMP connection is closed with it");
    Recorded late = request(Command.IDLE, 0, "\0");
    assertEquals(HttpResponseStatus.NOT_FOUND, late.failure);
  }

  @Test
  void aClientThatNeverPollsIsCutOffAtTheBufferCap() {
    serverWrites("x".repeat(SETTINGS.maxPendingBytes()));
    assertTrue(closed.isEmpty());

    serverWrites("y");

    assertEquals(List.of(session), closed);
  }

  @Test
  void theRtmpSideTurnsUnwritableWhileTheClientIsBehind() {
    assertTrue(pipe.isWritable());

    serverWrites("x".repeat(SETTINGS.pendingHighWater() + 1));
    assertFalse(pipe.isWritable());

    request(Command.IDLE, 0, "\0");
    assertTrue(pipe.isWritable());
  }

  @Test
  void afterTheRtmpSideClosesThePendingBytesStillGoOutThenTheCloseByte() {
    serverWrites("bye");
    pipe.close();
    pipe.runPendingTasks();

    Recorded last = request(Command.IDLE, 0, "\0");
    assertArrayEquals(reply(0x01, "bye"), last.body);
    Recorded after = request(Command.IDLE, 1, "\0");

    assertArrayEquals(new byte[] {0x00}, after.body);
    assertEquals(List.of(session), closed);
  }

  @Test
  void closeIsAnsweredWithTheSingleByteZero() {
    Recorded close = request(Command.CLOSE, 5, "\0");

    assertArrayEquals(new byte[] {0x00}, close.body);
    assertEquals(List.of(session), closed);
    assertNull(close.failure);
  }

  @Test
  void bytesAreKeptWhenTheHttpConnectionIsGoneBeforeTheAnswer() {
    Recorded idle = new Recorded();
    idle.open = false;
    session.handle(new TunnelRequest(Command.IDLE, "s1", 0), Unpooled.buffer(1).writeByte(0), idle);
    pipe.runPendingTasks();
    serverWrites("kept");
    assertFalse(idle.answered());

    Recorded next = request(Command.IDLE, 1, "\0");

    assertArrayEquals(reply(0x01, "kept"), next.body);
  }
}
