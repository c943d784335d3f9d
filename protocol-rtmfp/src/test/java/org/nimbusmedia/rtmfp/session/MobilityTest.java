package org.nimbusmedia.rtmfp.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Address mobility (RFC 7016 section 3.5.4.2): a NAT rebinding moves the client's address. */
class MobilityTest {
  private final EventLoopGroup group = new NioEventLoopGroup(2);
  private RtmfpEndpoint server;
  private RtmfpEndpoint client;

  /** A NAT: the client talks to one socket; the server sees whichever outside socket is current. */
  private final class Nat {
    private final Channel inside;
    private volatile Channel outside;
    private volatile InetSocketAddress clientAddress;

    Nat() {
      inside =
          bind(
              new SimpleChannelInboundHandler<DatagramPacket>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                  clientAddress = p.sender();
                  outside.writeAndFlush(
                      new DatagramPacket(
                          Unpooled.wrappedBuffer(ByteBufUtil.getBytes(p.content())),
                          server.localAddress()));
                }
              });
      rebind();
    }

    void rebind() {
      outside =
          bind(
              new SimpleChannelInboundHandler<DatagramPacket>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                  inside.writeAndFlush(
                      new DatagramPacket(
                          Unpooled.wrappedBuffer(ByteBufUtil.getBytes(p.content())),
                          clientAddress));
                }
              });
    }

    private Channel bind(SimpleChannelInboundHandler<DatagramPacket> handler) {
      return new Bootstrap()
          .group(group)
          .channel(NioDatagramChannel.class)
          .handler(handler)
          .bind(new InetSocketAddress("127.0.0.1", 0))
          .syncUninterruptibly()
          .channel();
    }

    InetSocketAddress insideAddress() {
      return (InetSocketAddress) inside.localAddress();
    }

    InetSocketAddress outsideAddress() {
      return (InetSocketAddress) outside.localAddress();
    }
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void sessionFollowsTheClientToItsNewAddressAfterValidation() throws Exception {
    Recorder serverEvents = new Recorder();
    Recorder clientEvents = new Recorder();
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    server =
        RtmfpEndpoint.bind(
            group, any, RtmfpConfig.defaults(), serverEvents, true, Clock.systemUTC());
    client =
        RtmfpEndpoint.bind(
            group, any, RtmfpConfig.defaults(), clientEvents, false, Clock.systemUTC());
    Nat nat = new Nat();
    Session c = client.connect(nat.insideAddress(), "live").get(20, TimeUnit.SECONDS);
    Session s = Recorder.take(serverEvents.opened);
    InetSocketAddress before = nat.outsideAddress();
    assertEquals(before, s.farAddress());

    nat.rebind();
    long flow = c.openFlow(new byte[] {'T', 'C', 4, 0}, -1, 0);
    c.send(flow, new byte[] {1});
    Recorder.Message m = Recorder.take(serverEvents.messages);
    assertArrayEquals(new byte[] {1}, m.bytes());
    // The ping with a nonce to the new address comes back through the NAT; then the server
    // switches. Bounded wait for the switch.
    for (int i = 0; i < 400 && s.farAddress().equals(before); i++) {
      Thread.sleep(25);
    }
    assertNotEquals(before, s.farAddress());
    assertEquals(nat.outsideAddress(), s.farAddress());
    long back = s.openFlow(new byte[] {'T', 'C', 4, 0}, m.flow().flowId(), 0);
    s.send(back, new byte[] {2});
    assertArrayEquals(new byte[] {2}, Recorder.take(clientEvents.messages).bytes());
  }
}
