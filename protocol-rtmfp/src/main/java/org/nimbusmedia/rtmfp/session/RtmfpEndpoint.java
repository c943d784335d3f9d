package org.nimbusmedia.rtmfp.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.nimbusmedia.rtmfp.crypto.CookieJar;
import org.nimbusmedia.rtmfp.crypto.Datagrams;
import org.nimbusmedia.rtmfp.crypto.Integrity;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.Packet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An RTMFP endpoint bound to one UDP socket: demultiplexes datagrams by session id (RFC 7016
 * section 2.2.1), answers handshakes as a responder when enabled, initiates sessions, and drives
 * every session's timers. All state lives on the channel's event loop.
 */
public final class RtmfpEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(RtmfpEndpoint.class);
  private static final long TICK_MS = 20;
  private static final int SOCKET_BUFFER = 1 << 20;

  private final RtmfpConfig config;
  private final SessionListener listener;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final PacketCipher startupCipher = PacketCipher.defaultKey();
  private final RtmfpStats stats = new RtmfpStats();
  private final Map<Integer, Session> sessions = new HashMap<>();
  private final ResponderHandshake responder;
  private final InitiatorHandshake initiator;
  private Channel channel;
  private ScheduledFuture<?> ticker;
  private volatile Predicate<InetSocketAddress> reachable = address -> true;
  private boolean flushScheduled;

  private RtmfpEndpoint(
      RtmfpConfig config, SessionListener listener, Clock clock, boolean acceptSessions) {
    this.config = config;
    this.listener = listener;
    this.clock = clock;
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    ClientIdentity identity = ClientIdentity.generate(random);
    this.responder =
        new ResponderHandshake(
            this,
            new CookieJar(secret, clock, config.cookieLifetime(), random),
            acceptSessions,
            identity);
    this.initiator = new InitiatorHandshake(this, identity);
  }

  /**
   * Binds an endpoint.
   *
   * @param group event loops for the channel; an epoll group gives an epoll socket (see {@link
   *     RtmfpTransport#newGroup})
   * @param local address to bind (use port 0 for an ephemeral port)
   * @param config limits and timers
   * @param listener session events
   * @param acceptSessions whether to answer IHellos as a server
   * @param clock time source
   */
  public static RtmfpEndpoint bind(
      EventLoopGroup group,
      InetSocketAddress local,
      RtmfpConfig config,
      SessionListener listener,
      boolean acceptSessions,
      Clock clock) {
    RtmfpEndpoint endpoint = new RtmfpEndpoint(config, listener, clock, acceptSessions);
    Channel ch =
        new Bootstrap()
            .group(group)
            .channel(RtmfpTransport.channelFor(group))
            // One socket carries every session: room for bursts of many clients' datagrams.
            .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER)
            .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER)
            .handler(endpoint.new Handler())
            .bind(local)
            .syncUninterruptibly()
            .channel();
    endpoint.channel = ch;
    endpoint.ticker =
        ch.eventLoop().scheduleAtFixedRate(endpoint::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    return endpoint;
  }

  /** Whether the socket uses the native epoll transport. */
  public boolean nativeTransport() {
    return !(channel instanceof io.netty.channel.socket.nio.NioDatagramChannel);
  }

  /** The bound address. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) channel.localAddress();
  }

  /** Drop counters. */
  public RtmfpStats stats() {
    return stats;
  }

  /** This endpoint's peer ID as an initiator. */
  public byte[] peerId() {
    return initiator.identity().peerId();
  }

  /** Number of sessions held, including sessions still keying. */
  public int sessionCount() {
    return call(sessions::size);
  }

  /** Sessions held, as a snapshot. */
  public List<Session> sessions() {
    return call(() -> new ArrayList<>(sessions.values()));
  }

  /**
   * Opens a session to a server (RFC 7016 section 3.5.1.1).
   *
   * @param server where to send the IHello
   * @param ancillary the EPD ancillary data, usually the rtmfp URI
   */
  public CompletableFuture<Session> connect(InetSocketAddress server, String ancillary) {
    CompletableFuture<Session> future = new CompletableFuture<>();
    execute(() -> initiator.start(server, ancillary, future, now()));
    return future;
  }

  /**
   * Opens a session to a peer by its peer ID, asking a server for an introduction (RFC 7016 section
   * 3.5.1.6): the IHello with the peer's fingerprint goes to the server, which redirects it and
   * forwards it to the peer.
   *
   * @param server the introducing server
   * @param peerId the target's 32-byte peer ID
   */
  public CompletableFuture<Session> connectPeer(InetSocketAddress server, byte[] peerId) {
    CompletableFuture<Session> future = new CompletableFuture<>();
    byte[] id = peerId.clone();
    execute(() -> initiator.startPeer(server, id, future, now()));
    return future;
  }

  /** The fingerprint of the certificate this endpoint presents as a responder. */
  public byte[] responderFingerprint() {
    return responder.fingerprint();
  }

  /** Closes the socket; sessions are dropped without Close chunks. */
  public void close() {
    call(
        () -> {
          ticker.cancel(false);
          for (Session s : new ArrayList<>(sessions.values())) {
            s.abort(now());
          }
          return null;
        });
    channel.close().syncUninterruptibly();
  }

  // ---- package-private plumbing for sessions and handshakes ----

  RtmfpConfig config() {
    return config;
  }

  SessionListener listener() {
    return listener;
  }

  SecureRandom random() {
    return random;
  }

  long now() {
    return clock.millis();
  }

  byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  void execute(Runnable task) {
    if (channel.eventLoop().inEventLoop()) {
      task.run();
    } else {
      channel.eventLoop().execute(task);
    }
  }

  <T> T call(Callable<T> task) {
    try {
      if (channel.eventLoop().inEventLoop()) {
        return task.call();
      }
      return channel.eventLoop().submit(task).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("event loop did not answer", e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  int allocateSessionId() {
    int id;
    do {
      id = random.nextInt();
    } while (id == 0 || sessions.containsKey(id));
    return id;
  }

  void register(Session session) {
    sessions.put(session.localSessionId(), session);
  }

  int sessionsFrom(InetSocketAddress address) {
    int n = 0;
    for (Session s : sessions.values()) {
      if (s.farAddress().getAddress().equals(address.getAddress())) {
        n++;
      }
    }
    return n;
  }

  int totalSessions() {
    return sessions.size();
  }

  void removed(Session session) {
    sessions.remove(session.localSessionId(), session);
    responder.forget(session);
    initiator.forget(session);
  }

  Session sessionByPeerId(byte[] peerId) {
    for (Session s : sessions.values()) {
      if (s.state() == SessionState.OPEN && java.util.Arrays.equals(s.farPeerId(), peerId)) {
        return s;
      }
    }
    return null;
  }

  boolean openingTo(InetSocketAddress address) {
    return initiator.openingTo(address);
  }

  void yieldOpening(InetSocketAddress address, Session theirs, long now) {
    initiator.yieldTo(address, theirs, now);
  }

  void onForwardedIHello(org.nimbusmedia.rtmfp.handshake.ForwardedIHello forwarded) {
    responder.onForwardedIHello(forwarded);
  }

  /** Seals and sends a packet. */
  void send(InetSocketAddress to, int sessionId, PacketCipher cipher, Packet packet) {
    send(to, sessionId, cipher, Integrity.CHECKSUM, packet);
  }

  /** Seals and sends a packet in the session's negotiated integrity mode. */
  void send(
      InetSocketAddress to,
      int sessionId,
      PacketCipher cipher,
      Integrity integrity,
      Packet packet) {
    sendRaw(to, Datagrams.seal(sessionId, cipher, integrity, packet));
  }

  /** Sends raw, already sealed bytes. */
  void sendRaw(InetSocketAddress to, byte[] datagram) {
    if (!reachable.test(to)) {
      return;
    }
    stats.bytesOut.addAndGet(datagram.length);
    DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(datagram), to);
    if (!channel.eventLoop().inEventLoop()) {
      channel.writeAndFlush(packet);
      return;
    }
    channel.write(packet);
    if (!flushScheduled) {
      // One flush after the work at hand (a batch of received datagrams, a timer tick, a
      // session's flush) sends everything it wrote in one go: sendmmsg on the epoll transport,
      // instead of a system call and a wake-up of the far end per datagram.
      flushScheduled = true;
      channel.eventLoop().execute(this::flushDatagrams);
    }
  }

  private void flushDatagrams() {
    flushScheduled = false;
    channel.flush();
  }

  /**
   * A firewall for tests: datagrams to or from an address that {@code filter} refuses are dropped
   * silently, as a firewall blocking UDP between two hosts would drop them.
   */
  public void setReachable(Predicate<InetSocketAddress> filter) {
    this.reachable = filter;
  }

  /** Sends chunks in a startup packet (mode 3) with the default key. */
  void sendStartup(InetSocketAddress to, int sessionId, Chunk chunk) {
    send(
        to, sessionId, startupCipher, new Packet(Packet.MODE_STARTUP, ticks(), -1, List.of(chunk)));
  }

  byte[] sealStartup(int sessionId, Chunk chunk) {
    return Datagrams.seal(
        sessionId, startupCipher, new Packet(Packet.MODE_STARTUP, ticks(), -1, List.of(chunk)));
  }

  private int ticks() {
    return (int) ((now() / 4) & 0xffff);
  }

  private void tick() {
    long now = now();
    for (Session s : new ArrayList<>(sessions.values())) {
      s.tick(now);
    }
    initiator.tick(now);
  }

  private void receive(byte[] datagram, InetSocketAddress sender) {
    long now = now();
    stats.bytesIn.addAndGet(datagram.length);
    if (datagram.length < Datagrams.MIN_SIZE || datagram.length > Datagrams.MAX_SIZE) {
      stats.undecryptable.incrementAndGet();
      return;
    }
    int sessionId = Datagrams.sessionId(datagram);
    if (sessionId == 0) {
      Packet packet;
      try {
        packet = Datagrams.open(datagram, startupCipher);
      } catch (MalformedException e) {
        stats.undecryptable.incrementAndGet();
        return;
      }
      if (packet.mode() != Packet.MODE_STARTUP) {
        stats.badStartup.incrementAndGet();
        return;
      }
      for (Chunk chunk : packet.chunks()) {
        try {
          startupChunk(chunk, sender, datagram.length, now);
        } catch (MalformedException | IllegalArgumentException e) {
          stats.badStartup.incrementAndGet();
        }
      }
      return;
    }
    Session session = sessions.get(sessionId);
    if (session == null) {
      stats.unknownSession.incrementAndGet();
      return;
    }
    if (session.state() == SessionState.KEYING_SENT) {
      // RIKeying comes in startup mode with our session id and the default key.
      try {
        Packet packet = Datagrams.open(datagram, startupCipher);
        for (Chunk chunk : packet.chunks()) {
          if (chunk.type() == Chunk.RIKEYING) {
            initiator.onRIKeying(session, chunk, now);
          }
        }
      } catch (MalformedException | IllegalArgumentException e) {
        stats.badStartup.incrementAndGet();
      }
      return;
    }
    Packet packet;
    try {
      packet = Datagrams.open(datagram, session.decryptor(), session.receiveIntegrity());
    } catch (MalformedException e) {
      stats.undecryptable.incrementAndGet();
      return;
    }
    try {
      session.receive(packet, sender, now);
    } catch (RuntimeException e) {
      // Malformed chunks, bad AMF in a listener, or any other failure: this session only.
      stats.malformedSessionsClosed.incrementAndGet();
      LOG.info("closing RTMFP session from {}: {}", sender, e.getMessage());
      session.malformed(now);
    }
  }

  private void startupChunk(Chunk chunk, InetSocketAddress sender, int datagramSize, long now) {
    switch (chunk.type()) {
      case Chunk.IHELLO -> responder.onIHello(chunk, sender, datagramSize);
      case Chunk.IIKEYING -> responder.onIIKeying(chunk, sender, now);
      case Chunk.RHELLO -> initiator.onRHello(chunk, sender, now);
      case Chunk.REDIRECT -> initiator.onRedirect(chunk, now);
      case Chunk.RHELLO_COOKIE_CHANGE -> initiator.onCookieChange(chunk, now);
      default -> stats.badStartup.incrementAndGet();
    }
  }

  /** The channel handler: copies each datagram out and releases it. */
  private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
      if (!reachable.test(packet.sender())) {
        return;
      }
      receive(ByteBufUtil.getBytes(packet.content()), packet.sender());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("RTMFP socket error on {}: {}", ctx.channel().localAddress(), cause.toString());
    }
  }
}
