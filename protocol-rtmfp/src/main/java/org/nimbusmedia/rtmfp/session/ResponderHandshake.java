package org.nimbusmedia.rtmfp.session;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.nimbusmedia.rtmfp.crypto.CookieJar;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.crypto.SessionKeys;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.IIKeying;
import org.nimbusmedia.rtmfp.handshake.IntegrityPolicy;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.handshake.RIKeying;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder half of the handshake (RFC 7016 section 3.5.1.2). An IHello is answered from the
 * stateless cookie jar; state is created only for an IIKeying with a valid cookie, within the
 * session caps. A repeated IIKeying gets the same RIKeying again.
 */
final class ResponderHandshake {
  private static final Logger LOG = LoggerFactory.getLogger(ResponderHandshake.class);
  private static final byte[] SIGNATURE = {'X'};

  private final RtmfpEndpoint endpoint;
  private final CookieJar cookies;
  private final byte[] certificate;
  private final Map<ByteBuffer, Answer> answered = new HashMap<>();

  private record Answer(Session session, byte[] datagram) {}

  ResponderHandshake(RtmfpEndpoint endpoint, CookieJar cookies) {
    this.endpoint = endpoint;
    this.cookies = cookies;
    this.certificate =
        FlashProfile.serverCertificate(endpoint.randomBytes(64), endpoint.config().groups());
  }

  void onIHello(Chunk chunk, InetSocketAddress sender) {
    IHello hello = IHello.decode(chunk.body());
    FlashProfile.Epd epd = FlashProfile.parseEpd(hello.epd());
    if (epd.fingerprint() != null) {
      // Peer lookups (RFC 7016 section 3.5.1.6) are answered by the rendezvous service, which
      // is not part of this endpoint yet.
      endpoint.stats().badStartup.incrementAndGet();
      return;
    }
    RHello reply = new RHello(hello.tag(), cookies.issue(sender), certificate);
    endpoint.sendStartup(sender, 0, reply.toChunk());
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
    DhKeyPair ephemeral = DhKeyPair.generate(group, endpoint.random());
    byte[] secret = ephemeral.sharedSecret(peerKey);
    byte[] skrc =
        KeyComponent.responder(
            ephemeral,
            policy.responderHmacFlags(modes),
            modes.sendHmac() ? modes.sendHmacLength() : 0,
            policy.responderSequenceFlags(modes));
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
  }

  private boolean offered(DhGroup group) {
    return group != null && endpoint.config().groups().contains(group);
  }

  void forget(Session session) {
    answered.values().removeIf(a -> Objects.equals(a.session(), session));
  }
}
