package org.nimbusmedia.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nimbusmedia.rtmp.client.ClientStream;
import org.nimbusmedia.rtmp.client.ReceivedMedia;
import org.nimbusmedia.server.config.LimitsConfig;
import org.nimbusmedia.server.testing.EmbeddedNimbus;
import org.nimbusmedia.server.testing.TestClients;
import org.slf4j.LoggerFactory;

/**
 * A handshake flood (issue 10, floods and limits): 10,000 TCP connections that never send a byte of
 * the RTMP handshake, from a few loopback addresses other than the real client's. The per-address
 * limit refuses most at once, the handshake timeout sheds the ones let in, and a real client
 * connecting from 127.0.0.1 in the middle of the flood still connects and plays. Every flood
 * connection is closed by the server with exactly one log line saying why.
 *
 * <p>Bounded: 10,000 connections, at most {@link #IN_FLIGHT} open on the client side at once (the
 * test JVM holds both ends, so this also bounds its file descriptors), loopback only.
 */
class ConnectionFloodIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int FLOOD = 10_000;
  private static final int IN_FLIGHT = 1_000;
  private static final List<String> FLOOD_ADDRESSES =
      List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5");

  /** Per address below the pending-handshake limit, so a flood cannot take every slot. */
  private static final LimitsConfig LIMITS =
      new LimitsConfig(20_000, 100, 1_000, null, null, null, Duration.ofSeconds(3), Duration.ZERO);

  @TempDir Path apps;
  private EmbeddedNimbus nimbus;
  private final TestClients clients = new TestClients();
  private final EventLoopGroup floodLoop = new NioEventLoopGroup(1);
  private final ListAppender<ILoggingEvent> refusals = new ListAppender<>();
  private final List<Logger> watched =
      List.of(
          (Logger) LoggerFactory.getLogger("org.nimbusmedia.server.rtmp.ConnectionLimiter"),
          (Logger) LoggerFactory.getLogger("org.nimbusmedia.rtmp.handshake.HandshakeHandler"));

  @BeforeEach
  void start() {
    refusals.start();
    watched.forEach(logger -> logger.addAppender(refusals));
    nimbus = EmbeddedNimbus.start(apps, config -> config.withLimits(LIMITS), "live");
  }

  @AfterEach
  void stop() throws InterruptedException {
    watched.forEach(logger -> logger.detachAppender(refusals));
    clients.close();
    floodLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    nimbus.close();
  }

  /** Opens {@link #FLOOD} silent connections; counts the ones the server closed. */
  private final class Flood implements Runnable {
    final AtomicInteger attempted = new AtomicInteger();
    final AtomicInteger closedByServer = new AtomicInteger();
    final AtomicInteger failedToConnect = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(FLOOD / 5);
    final CountDownLatch finished = new CountDownLatch(FLOOD);
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    @Override
    public void run() {
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", nimbus.rtmpPort());
      Bootstrap bootstrap =
          new Bootstrap()
              .group(floodLoop)
              .channel(NioSocketChannel.class)
              .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
              .handler(new Silent());
      try {
        for (int i = 0; i < FLOOD; i++) {
          inFlight.acquire();
          attempted.incrementAndGet();
          started.countDown();
          String local = FLOOD_ADDRESSES.get(i % FLOOD_ADDRESSES.size());
          ChannelFuture connect = bootstrap.connect(server, new InetSocketAddress(local, 0));
          connect.addListener(
              done -> {
                if (!done.isSuccess()) {
                  failedToConnect.incrementAndGet();
                  inFlight.release();
                  finished.countDown();
                }
              });
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Never writes; when the server closes the connection, frees its place. */
    private final class Silent extends ChannelInboundHandlerAdapter {
      @Override
      public boolean isSharable() {
        return true;
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        closedByServer.incrementAndGet();
        inFlight.release();
        finished.countDown();
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset by the server: channelInactive counts it
      }
    }
  }

  @Test
  void silentConnectionsAreShedWhileARealClientConnectsAndPlays() throws Exception {
    ClientStream publisher = stream();
    publisher.publish("cam", "live").get(WAIT.toSeconds(), TimeUnit.SECONDS);

    Flood flood = new Flood();
    Thread flooder = new Thread(flood, "flood");
    flooder.start();
    assertTrue(flood.started.await(WAIT.toSeconds(), TimeUnit.SECONDS), "flood under way");

    ClientStream player = stream();
    player.play("cam").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    publisher.sendVideo(0, Unpooled.wrappedBuffer(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0}));
    publisher.sendVideo(0, Unpooled.wrappedBuffer(new byte[] {0x17, 1, 0, 0, 0, 0x65, 1}));
    ReceivedMedia frame =
        player.awaitMedia(
            m -> m.kind() == ReceivedMedia.Kind.VIDEO && m.payload()[1] == 1, WAIT); // AVC NALU
    assertTrue(frame.isKeyframe(), "the player gets the publisher's keyframe during the flood");

    assertTrue(flood.finished.await(WAIT.toSeconds(), TimeUnit.SECONDS), "flood over");
    flooder.join();
    assertEquals(FLOOD, flood.attempted.get());
    assertEquals(0, flood.failedToConnect.get(), "every connection was accepted by the kernel");
    assertEquals(FLOOD, flood.closedByServer.get(), "the server closed every silent connection");
    long refused = countLines("Refusing connection from /127.0.0.");
    long timedOut = countLines("handshake not finished within 3000 ms");
    assertEquals(FLOOD, refused + timedOut, "one log line per shed connection");
    assertTrue(refused > 0 && timedOut > 0, refused + " refused, " + timedOut + " timed out");
    assertTrue(publisher.client().isConnected() && player.client().isConnected());
  }

  private ClientStream stream() throws Exception {
    return clients
        .connect(nimbus.rtmpUri("live"))
        .createStream()
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private long countLines(String text) {
    synchronized (refusals.list) {
      return refusals.list.stream().filter(e -> e.getFormattedMessage().contains(text)).count();
    }
  }
}
