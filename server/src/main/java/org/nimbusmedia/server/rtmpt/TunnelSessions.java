package org.nimbusmedia.server.rtmpt;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * The open RTMPT sessions of one front end, by id. Opening a session connects a pipe (a {@link
 * LocalChannel}) to the tunnel's in-VM server, whose end of the pipe gets the RTMP pipeline; the
 * pipe's client end is bound to an address named after the session so that the server end can tell
 * whose HTTP client it serves.
 */
final class TunnelSessions {
  /** Characters in a session id: random, so ids cannot be guessed. */
  static final int ID_LENGTH = 16;

  private static final char[] ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final RtmptSettings settings;
  private final LongSupplier nanoTime;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentMap<String, TunnelSession> open = new ConcurrentHashMap<>();
  private final ConcurrentMap<LocalAddress, TunnelSession> connecting = new ConcurrentHashMap<>();

  TunnelSessions(RtmptSettings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  /**
   * Starts a session for {@code client} on {@code loop}, piped to {@code server}; the returned
   * future completes with the session once RTMP bytes can flow, or fails.
   */
  Future<TunnelSession> open(InetSocketAddress client, EventLoop loop, LocalAddress server) {
    if (open.size() + connecting.size() >= settings.maxSessions()) {
      return loop.newFailedFuture(
          new IllegalStateException(
              "too many RTMPT sessions (limits.maxConnections " + settings.maxSessions() + ")"));
    }
    String id = newId();
    TunnelSession session = new TunnelSession(id, client, loop, settings, nanoTime, this::closed);
    LocalAddress pipeAddress = pipeAddress(server, id);
    connecting.put(pipeAddress, session);
    ChannelFuture connect =
        new Bootstrap()
            .group(loop)
            .channel(LocalChannel.class)
            .handler(
                new ChannelInitializer<LocalChannel>() {
                  @Override
                  protected void initChannel(LocalChannel channel) {
                    channel.pipeline().addLast("rtmpt-session", session.pipeHandler());
                  }
                })
            .connect(server, pipeAddress);
    connect.addListener(
        done -> {
          if (done.isSuccess()) {
            session.pipeConnected(connect.channel());
          } else {
            connecting.remove(pipeAddress);
            session.ready().tryFailure(done.cause());
            connect.channel().close();
          }
        });
    session
        .ready()
        .addListener(
            done -> {
              connecting.remove(pipeAddress);
              if (done.isSuccess()) {
                open.put(id, session);
              }
            });
    return session.ready();
  }

  /**
   * The session whose pipe has just reached the server end from {@code pipeAddress}, or null when
   * none is waiting for it.
   */
  TunnelSession claim(SocketAddress pipeAddress) {
    return pipeAddress instanceof LocalAddress local ? connecting.get(local) : null;
  }

  /** The open session {@code id}, or null. */
  TunnelSession find(String id) {
    return open.get(id);
  }

  /** Closes each session that has had no request for the idle timeout. */
  void expireIdle() {
    for (TunnelSession session : open.values()) {
      session.loop().execute(session::expireIfIdle);
    }
  }

  /** Closes every session (the front end is stopping). */
  void closeAll() {
    for (TunnelSession session : List.copyOf(open.values())) {
      session.loop().execute(() -> session.close("the server is stopping"));
    }
  }

  private void closed(TunnelSession session) {
    open.remove(session.id(), session);
  }

  private String newId() {
    char[] id = new char[ID_LENGTH];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
    }
    return new String(id);
  }

  /** The pipe's own address: unique in the JVM, as local addresses must be. */
  private static LocalAddress pipeAddress(LocalAddress server, String id) {
    return new LocalAddress(server.id() + "-" + id);
  }
}
