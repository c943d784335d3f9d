package org.nimbusmedia.rtmfp.session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nimbusmedia.rtmfp.crypto.CookieJar;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.crypto.SessionKeys;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.ForwardedIHello;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.IIKeying;
import org.nimbusmedia.rtmfp.handshake.IntegrityPolicy;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.handshake.RIKeying;
import org.nimbusmedia.rtmfp.handshake.Redirect;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.RtmfpAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder half of the handshake (RFC 7016 section 3.5.1.2). An IHello is answered from the
 * stateless cookie jar; state is created only for an IIKeying with a valid cookie, within the
 * session caps. A repeated IIKeying gets the same RIKeying again.
 *
 * <p>A server answers IHellos with ancillary data or its own fingerprint using an ephemeral
 * certificate, and answers peer lookups with a Redirect to the initiator plus a forwarded IHello to
 * the target (section 3.5.1.6). A client endpoint answers only IHellos that name its own peer ID,
 * directly or forwarded, with its static-key certificate (RFC 7425 section 7).
 */
final class ResponderHandshake {
  private static final Logger LOG = LoggerFactory.getLogger(ResponderHandshake.class);
  private static final byte[] SIGNATURE = {'X'};
  private static final int MAX_REDIRECT_ADDRESSES = 8;

  private final RtmfpEndpoint endpoint;
  private final CookieJar cookies;
  private final boolean server;
  private final ClientIdentity identity;
  private final byte[] certificate;
  private final byte[] fingerprint;
  private final HelloBudget helloBudget;
  private final Map<ByteBuffer, Answer> answered = new HashMap<>();

  private record Answer(Session session, byte[] datagram) {}

  ResponderHandshake(
      RtmfpEndpoint endpoint, CookieJar cookies, boolean server, ClientIdentity identity) {
    this.endpoint = endpoint;
    this.cookies = cookies;
    this.server = server;
    this.identity = identity;
    this.certificate =
        server
            ? FlashProfile.serverCertificate(endpoint.randomBytes(64), endpoint.config().groups())
            : identity.certificate();
    this.fingerprint = FlashProfile.peerId(certificate);
    this.helloBudget = new HelloBudget(endpoint.config().helloExcessRate(), endpoint.now());
  }

  /** The fingerprint of the certificate this responder presents. */
  byte[] fingerprint() {
    return fingerprint.clone();
  }

  void onIHello(Chunk chunk, InetSocketAddress sender, int datagramSize) {
    IHello hello = IHello.decode(chunk.body());
    FlashProfile.Epd epd = FlashProfile.parseEpd(hello.epd());
    byte[] wanted = epd.fingerprint();
    if (wanted != null && !Arrays.equals(wanted, fingerprint)) {
      if (server) {
        introduce(hello, wanted, sender);
      }
      return;
    }
    if (wanted == null && !server) {
      return;
    }
    answer(hello.tag(), sender, datagramSize);
  }

  /** A forwarded IHello from our server: answer the initiator directly if it wants us. */
  void onForwardedIHello(ForwardedIHello forwarded) {
    byte[] wanted = FlashProfile.parseEpd(forwarded.epd()).fingerprint();
    if (wanted != null && Arrays.equals(wanted, fingerprint)) {
      answer(forwarded.tag(), forwarded.replyAddress().address(), 0);
    }
  }

  /**
   * Sends an RHello. The reply to an unverified address is bounded by the configured ratio to the
   * IHello's size and, with every other such reply, by the {@link HelloBudget}, so spoofed IHellos
   * cannot turn this responder into an amplifier. A forwarded IHello ({@code requestSize} 0) came
   * from our server over a keyed session and is answered as it is.
   */
  private void answer(byte[] tag, InetSocketAddress to, int requestSize) {
    byte[] datagram =
        endpoint.sealStartup(0, new RHello(tag, cookies.issue(to), certificate).toChunk());
    if (requestSize > 0) {
      int ratio = endpoint.config().helloAmplification();
      boolean overRatio = ratio > 0 && datagram.length > (long) ratio * requestSize;
      if (overRatio || !helloBudget.spend(requestSize, datagram.length, endpoint.now())) {
        endpoint.stats().amplificationRefused.incrementAndGet();
        return;
      }
    }
    endpoint.sendRaw(to, datagram);
  }

  private void introduce(IHello hello, byte[] wanted, InetSocketAddress initiator) {
    Session target = endpoint.sessionByPeerId(wanted);
    if (target == null) {
      // RFC 7016 section 3.5.1.6: a lookup for an unknown peer gets no answer.
      endpoint.stats().unknownPeerLookups.incrementAndGet();
      return;
    }
    // Section 3.5.1.6: the address we observe first, then those the target reported itself.
    List<RtmfpAddress> targetAddresses = new ArrayList<>();
    targetAddresses.add(new RtmfpAddress(target.farAddress(), RtmfpAddress.ORIGIN_OBSERVED));
    for (InetSocketAddress reported : target.reportedAddresses()) {
      if (targetAddresses.size() == MAX_REDIRECT_ADDRESSES) {
        break;
      }
      if (!reported.equals(target.farAddress())) {
        targetAddresses.add(new RtmfpAddress(reported, RtmfpAddress.ORIGIN_LOCAL));
      }
    }
    endpoint.stats().introductions.incrementAndGet();
    endpoint.sendStartup(initiator, 0, new Redirect(hello.tag(), targetAddresses).toChunk());
    target.sendControl(
        new ForwardedIHello(
                hello.epd(), new RtmfpAddress(initiator, RtmfpAddress.ORIGIN_OBSERVED), hello.tag())
            .toChunk());
  }

  void onIIKeying(Chunk chunk, InetSocketAddress sender, long now) {
    IIKeying keying = IIKeying.decode(chunk.body());
    if (!cookies.verify(keying.cookie(), sender)) {
      endpoint.stats().badCookie.incrementAndGet();
      return;
    }
    ByteBuffer cookieKey = ByteBuffer.wrap(keying.cookie());
    Answer previous = answered.get(cookieKey);
    if (previous != null) {
      endpoint.sendRaw(sender, previous.datagram());
      return;
    }
    RtmfpConfig config = endpoint.config();
    if (endpoint.totalSessions() >= config.maxSessions()
        || endpoint.sessionsFrom(sender) >= config.maxSessionsPerAddress()) {
      endpoint.stats().refusedByCap.incrementAndGet();
      return;
    }
    boolean glare = endpoint.openingTo(sender);
    if (glare && nearWinsGlare(keying.certificate())) {
      // RFC 7016 section 3.5.1.3: both ends are opening; the winner's IIKeying goes on, the
      // loser's is ignored and its initiator keeps waiting for the winner's RIKeying.
      endpoint.stats().glareIgnored.incrementAndGet();
      return;
    }
    KeyComponent skic = KeyComponent.parse(keying.skic());
    IntegrityPolicy policy = config.integrity();
    IntegrityPolicy.Outcome modes = policy.negotiate(skic);
    if (modes == null) {
      LOG.info("refusing RTMFP session from {}: HMAC or sequence number modes disagree", sender);
      endpoint.stats().badStartup.incrementAndGet();
      return;
    }
    DhGroup group;
    byte[] peerKey;
    if (skic.ephemeralKey() != null) {
      group = DhGroup.byId(skic.ephemeralGroup());
      peerKey = skic.ephemeralKey();
    } else {
      Map<Integer, byte[]> statics = FlashProfile.staticKeys(keying.certificate());
      int chosen = skic.groupSelect();
      if (chosen < 0) {
        chosen =
            statics.keySet().stream().filter(g -> offered(DhGroup.byId(g))).findFirst().orElse(-1);
      }
      group = DhGroup.byId(chosen);
      peerKey = statics.get(chosen);
    }
    if (!offered(group) || peerKey == null) {
      endpoint.stats().badStartup.incrementAndGet();
      return;
    }
    int hmacFlags = policy.responderHmacFlags(modes);
    int hmacLength = modes.sendHmac() ? modes.sendHmacLength() : 0;
    int seqFlags = policy.responderSequenceFlags(modes);
    byte[] secret;
    byte[] skrc;
    if (server) {
      DhKeyPair ephemeral = DhKeyPair.generate(group, endpoint.random());
      secret = ephemeral.sharedSecret(peerKey);
      skrc = KeyComponent.responder(ephemeral, hmacFlags, hmacLength, seqFlags);
    } else {
      // Static keys on both sides (RFC 7425 section 4.3.3.5): freshness comes from the
      // components' extra randomness.
      secret = identity.key(group).sharedSecret(peerKey);
      skrc =
          KeyComponent.staticResponder(endpoint.randomBytes(64), hmacFlags, hmacLength, seqFlags);
    }
    SessionKeys keys = SessionKeys.derive(secret, keying.skic(), skrc, false);
    int sessionId = endpoint.allocateSessionId();
    Session session =
        new Session(endpoint, false, sessionId, sender, config, endpoint.listener(), now);
    session.keyed(
        keying.initiatorSessionId(),
        keys,
        modes,
        FlashProfile.peerId(keying.certificate()),
        null,
        now);
    endpoint.register(session);
    byte[] datagram =
        endpoint.sealStartup(
            keying.initiatorSessionId(), new RIKeying(sessionId, skrc, SIGNATURE).toChunk());
    answered.put(cookieKey, new Answer(session, datagram));
    endpoint.sendRaw(sender, datagram);
    endpoint.listener().sessionOpened(session);
    if (glare) {
      endpoint.yieldOpening(sender, session, now);
    }
  }

  /**
   * The glare rule of RFC 7425 section 4.3.6 as rtmfp-cpp applies it: this end wins unless the far
   * end's certificate sorts before the one this end presents as initiator (unsigned bytes).
   */
  private boolean nearWinsGlare(byte[] farCertificate) {
    return Arrays.compareUnsigned(farCertificate, identity.certificate()) >= 0;
  }

  private boolean offered(DhGroup group) {
    if (group == null) {
      return false;
    }
    return server ? endpoint.config().groups().contains(group) : identity.key(group) != null;
  }

  void forget(Session session) {
    answered.values().removeIf(a -> Objects.equals(a.session(), session));
  }
}
