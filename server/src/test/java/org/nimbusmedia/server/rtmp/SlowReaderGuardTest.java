package org.nimbusmedia.server.rtmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nimbusmedia.server.metrics.NimbusMetrics;

/**
 * The two limits of {@link SlowReaderGuard}: bytes waiting to be sent, and time the socket stays
 * full. An {@link EmbeddedChannel} holds unflushed writes in its outbound buffer as a full socket
 * would, and its clock is moved by hand.
 */
class SlowReaderGuardTest {
  private static final int MAX_BYTES = 512 * 1024;
  private static final Duration MAX_STALL = Duration.ofSeconds(10);

  private final NimbusMetrics metrics = new NimbusMetrics();
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new SlowReaderGuard(MAX_BYTES, MAX_STALL, metrics.protocol("rtmp")));

  @BeforeEach
  void stopTheClock() {
    channel.freezeTime(); // only advanceTimeBy moves it
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
    metrics.close();
  }

  private double dropped() {
    Counter counter =
        metrics
            .registry()
            .find("nimbus.connections.dropped")
            .tags("protocol", "rtmp", "reason", "slow_reader")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** Writes without flushing: the bytes wait in the outbound buffer. */
  private void queue(int bytes) {
    channel.write(Unpooled.wrappedBuffer(new byte[bytes]));
  }

  @Test
  void moreBytesWaitingThanTheLimitDropTheConnection() {
    for (int i = 0; i < 7; i++) {
      queue(64 * 1024); // 448 KiB and the buffer's bookkeeping: under the limit
    }
    assertTrue(channel.isOpen());
    assertEquals(0.0, dropped());

    queue(64 * 1024);

    assertFalse(channel.isOpen(), "over the limit");
    assertEquals(1.0, dropped());
  }

  @Test
  void aSocketFullForTheStallTimeDropsTheConnection() {
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 4096));
    queue(8192); // above the high water mark: unwritable
    assertFalse(channel.isWritable());

    channel.advanceTimeBy(MAX_STALL.toMillis() - 1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isOpen(), "not yet");

    channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isOpen());
    assertEquals(1.0, dropped());
  }

  @Test
  void aConnectionHeldBackByItsBandwidthLimitIsNotStalled() {
    // ChannelTrafficShapingHandler marks the channel unwritable with a user-defined flag while it
    // holds writes back; the socket's own buffer is empty.
    channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
    assertFalse(channel.isWritable());

    channel.advanceTimeBy(MAX_STALL.toMillis() * 3, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertTrue(channel.isOpen());

    queue(8192); // now the client stops reading too
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 4096));
    channel.advanceTimeBy(MAX_STALL.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
    assertFalse(channel.isOpen());
    assertEquals(1.0, dropped());
  }

  @Test
  void aSocketThatDrainsInTimeIsKept() {
    channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 4096));
    queue(8192);
    channel.advanceTimeBy(MAX_STALL.toMillis() - 1, TimeUnit.MILLISECONDS);
    channel.flush(); // the client reads: the buffer empties, the socket is writable again
    assertTrue(channel.isWritable());

    channel.advanceTimeBy(MAX_STALL.toMillis(), TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();

    assertTrue(channel.isOpen());
    assertEquals(0.0, dropped());
  }
}
