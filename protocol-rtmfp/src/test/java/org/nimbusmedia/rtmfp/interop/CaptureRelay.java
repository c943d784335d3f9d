package org.nimbusmedia.rtmfp.interop;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import org.nimbusmedia.rtmfp.UdpSockets;

/**
 * A UDP relay between one real client and our server that writes every datagram as a hex line
 * ({@code C>S <hex>} or {@code S>C <hex>}): how the fixtures of the interop tests were captured.
 */
final class CaptureRelay {
  private final InetSocketAddress server;
  private final PrintStream out;
  private final Channel channel;
  private InetSocketAddress client;

  CaptureRelay(
      EventLoopGroup group, InetSocketAddress listen, InetSocketAddress server, PrintStream out) {
    this.server = server;
    this.out = out;
    this.channel = UdpSockets.bind(group, listen, this::relay);
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  private void relay(byte[] datagram, InetSocketAddress sender) {
    boolean fromServer = sender.equals(server);
    if (!fromServer) {
      client = sender;
    }
    InetSocketAddress to = fromServer ? client : server;
    if (to == null) {
      return;
    }
    synchronized (out) {
      out.println((fromServer ? "S>C " : "C>S ") + ByteBufUtil.hexDump(datagram));
      out.flush();
    }
    channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to));
  }

  void close() {
    channel.close().syncUninterruptibly();
  }
}
