package org.nimbusmedia.server.rtmpt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A client that hangs up in the middle of a request body is ordinary, not a warning (found by
 * {@link RtmptTunnelFuzzTest}: input {@code finding-closed-mid-body}).
 */
class RtmptHangUpTest {
  private final EventLoopGroup group = new DefaultEventLoopGroup(1);
  private final Logger logger = (Logger) LoggerFactory.getLogger(RtmptTunnel.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level level;
  private RtmptTunnel tunnel;

  @BeforeEach
  void start() throws InterruptedException {
    tunnel =
        new RtmptTunnel(
            new ChannelInitializer<LocalChannel>() {
              @Override
              protected void initChannel(LocalChannel channel) {}
            },
            RtmptSettings.DEFAULTS);
    tunnel.start(group);
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(lines);
    logger.setLevel(level);
    tunnel.stop();
    group.shutdownGracefully();
  }

  @Test
  void closingInTheMiddleOfABodyIsLoggedOnceBelowWarning() {
    EmbeddedChannel channel = new EmbeddedChannel(tunnel.httpInitializer(List.of()));
    channel.writeInbound(
        Unpooled.copiedBuffer(
            "POST /send/abcdefghij012345/1 HTTP/1.1\r\nContent-Length: 1537\r\n\r\n\u0003",
            StandardCharsets.ISO_8859_1));
    channel.close();

    List<ILoggingEvent> closing =
        lines.list.stream()
            .filter(e -> e.getFormattedMessage().startsWith("Closing HTTP connection"))
            .toList();
    assertEquals(1, closing.size(), "one line");
    assertEquals(Level.DEBUG, closing.get(0).getLevel());
    assertTrue(closing.get(0).getFormattedMessage().contains("PrematureChannelClosureException"));
  }
}
