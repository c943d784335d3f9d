package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flows between our initiator and responder through a relay that drops, duplicates, reorders and
 * delays datagrams (RFC 7016 section 3.6).
 */
class LossHarnessTest {
  private EventLoopGroup group;
  private RtmfpEndpoint server;
  private RtmfpEndpoint client;
  private LossyProxy proxy;
  private final Recorder serverEvents = new Recorder();
  private final Recorder clientEvents = new Recorder();

  void start(long seed) {
    group = new NioEventLoopGroup(2);
    server =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            serverEvents,
            true,
            Clock.systemUTC());
    client =
        RtmfpEndpoint.bind(
            group,
            new InetSocketAddress("127.0.0.1", 0),
            RtmfpConfig.defaults(),
            clientEvents,
            false,
            Clock.systemUTC());
    proxy = new LossyProxy(group, server.localAddress(), seed, 0.15, 0.05, 0.1, 20);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    proxy.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private static byte[] message(int index, Random sizes) {
    int size = 4 + sizes.nextInt(4000);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(index);
    while (b.hasRemaining()) {
      b.put((byte) (index + b.position()));
    }
    return b.array();
  }

  @ParameterizedTest
  @ValueSource(longs = {7016, 7425, 1071})
  void reliableFlowDeliversEverythingInOrder(long seed) throws Exception {
    start(seed);
    Session c = client.connect(proxy.address(), "live").get(30, TimeUnit.SECONDS);
    long flow = c.openFlow(new byte[] {'T', 'C', 4, 0}, -1, 0);
    Random sizes = new Random(1);
    int count = 150;
    byte[][] sent = new byte[count][];
    for (int i = 0; i < count; i++) {
      sent[i] = message(i, sizes);
      c.send(flow, sent[i]);
    }
    for (int i = 0; i < count; i++) {
      assertArrayEquals(sent[i], Recorder.take(serverEvents.messages).bytes(), "message " + i);
    }
    assertTrue(proxy.dropped.get() > 0);
  }

  @ParameterizedTest
  @ValueSource(longs = {7016, 7425, 1071})
  void partiallyReliableFlowDeliversFreshDataAndAbandonsStale(long seed) throws Exception {
    start(seed);
    Session c = client.connect(proxy.address(), "live").get(30, TimeUnit.SECONDS);
    long flow = c.openFlow(new byte[] {'T', 'C', 4, 1}, -1, 0);
    Random sizes = new Random(2);
    int count = 150;
    byte[][] sent = new byte[count][];
    for (int i = 0; i < count; i++) {
      sent[i] = message(i, sizes);
      // A lifetime shorter than the smallest retransmission timeout (250 ms plus the far end's
      // 200 ms of delayed acknowledgement): a fragment lost and found only by the timeout is
      // stale, while the first congestion windows (a few packets, 20 ms of proxy delay) are
      // fresh.
      c.send(flow, sent[i], Duration.ofMillis(100));
    }
    byte[] last = message(count, sizes);
    c.send(flow, last);
    int previous = -1;
    int delivered = 0;
    while (true) {
      byte[] got = Recorder.take(serverEvents.messages).bytes();
      int index = ByteBuffer.wrap(got).getInt();
      assertTrue(index > previous, "in order, without duplicates");
      previous = index;
      if (index == count) {
        assertArrayEquals(last, got);
        break;
      }
      assertArrayEquals(sent[index], got);
      delivered++;
    }
    assertTrue(delivered < count, "some stale messages were abandoned");
    assertTrue(delivered > 0);
    assertEquals(SessionState.OPEN, c.state());
  }
}
