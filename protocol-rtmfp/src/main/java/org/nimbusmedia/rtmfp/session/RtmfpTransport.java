package org.nimbusmedia.rtmfp.session;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.concurrent.ThreadFactory;

/**
 * Which UDP socket implementation an endpoint uses: Netty's native epoll transport on Linux when
 * its library loads (fewer copies and wake-ups per datagram than the JDK selector), Java NIO
 * everywhere else. The channel must match the event loop group it is registered with, so the choice
 * follows the group: {@link #newGroup} makes an epoll group when it can.
 */
public final class RtmfpTransport {
  private RtmfpTransport() {}

  /** Whether the native epoll transport loaded on this machine. */
  public static boolean epollAvailable() {
    return Epoll.isAvailable();
  }

  /**
   * An event loop group for RTMFP endpoints: epoll when available, NIO otherwise.
   *
   * @param threads event loop threads (0 for Netty's default)
   * @param threadFactory names the threads
   */
  public static EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
    return epollAvailable()
        ? new EpollEventLoopGroup(threads, threadFactory)
        : new NioEventLoopGroup(threads, threadFactory);
  }

  /** The datagram channel class that registers with the group (or with the loop's group). */
  static Class<? extends DatagramChannel> channelFor(EventLoopGroup group) {
    EventLoopGroup owner =
        group instanceof EventLoop loop && loop.parent() != null ? loop.parent() : group;
    return owner instanceof EpollEventLoopGroup
        ? EpollDatagramChannel.class
        : NioDatagramChannel.class;
  }
}
