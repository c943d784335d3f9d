package org.nimbusmedia.rtmfp.session;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.nimbusmedia.rtmfp.crypto.DhGroup;
import org.nimbusmedia.rtmfp.crypto.DhKeyPair;
import org.nimbusmedia.rtmfp.crypto.SessionKeys;
import org.nimbusmedia.rtmfp.handshake.CookieChange;
import org.nimbusmedia.rtmfp.handshake.FlashProfile;
import org.nimbusmedia.rtmfp.handshake.IHello;
import org.nimbusmedia.rtmfp.handshake.IIKeying;
import org.nimbusmedia.rtmfp.handshake.IntegrityPolicy;
import org.nimbusmedia.rtmfp.handshake.KeyComponent;
import org.nimbusmedia.rtmfp.handshake.RHello;
import org.nimbusmedia.rtmfp.handshake.RIKeying;
import org.nimbusmedia.rtmfp.handshake.Redirect;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.RtmfpAddress;

/**
 * The initiator half of the handshake (RFC 7016 section 3.5.1.1): IHello until an RHello or
 * Redirect arrives, then IIKeying until RIKeying, each resent with backoff until the handshake
 * timeout.
 */
final class InitiatorHandshake {
  private static final byte[] SIGNATURE = {'X'};
  private static final long FIRST_RETRY_MS = 500;

  private final RtmfpEndpoint endpoint;
  private final ClientIdentity identity;
  private final List<Pending> pending = new ArrayList<>();

  /** One connection attempt. */
  private static final class Pending {
    final byte[] tag;
    final Chunk ihello;
    final String ancillary;
    final CompletableFuture<Session> future;
    final long startedAt;
    final List<InetSocketAddress> targets = new ArrayList<>();
    long lastSentAt;
    int sends;
    Session session;
    InetSocketAddress responder;
    byte[] cookie;
    byte[] skic;
    DhKeyPair staticKey;
    byte[] expectedPeerId;
    byte[] staticSecret;
    byte[] farPeerId;

    Pending(
        byte[] tag, Chunk ihello, String ancillary, CompletableFuture<Session> future, long now) {
      this.tag = tag;
      this.ihello = ihello;
      this.ancillary = ancillary;
      this.future = future;
      this.startedAt = now;
    }
  }

  InitiatorHandshake(RtmfpEndpoint endpoint, ClientIdentity identity) {
    this.endpoint = endpoint;
    this.identity = identity;
  }

  ClientIdentity identity() {
    return identity;
  }

  void start(
      InetSocketAddress server, String ancillary, CompletableFuture<Session> future, long now) {
    byte[] tag = endpoint.randomBytes(16);
    Chunk ihello = new IHello(FlashProfile.serverEpd(ancillary), tag).toChunk();
    Pending p = new Pending(tag, ihello, ancillary, future, now);
    p.targets.add(server);
    pending.add(p);
    sendHello(p, now);
  }

  void startPeer(
      InetSocketAddress server, byte[] peerId, CompletableFuture<Session> future, long now) {
    byte[] tag = endpoint.randomBytes(16);
    Chunk ihello = new IHello(FlashProfile.peerEpd(peerId), tag).toChunk();
    Pending p = new Pending(tag, ihello, null, future, now);
    p.expectedPeerId = peerId;
    p.targets.add(server);
    pending.add(p);
    sendHello(p, now);
  }

  private void sendHello(Pending p, long now) {
    p.lastSentAt = now;
    p.sends++;
    for (InetSocketAddress target : p.targets) {
      endpoint.sendStartup(target, 0, p.ihello);
    }
  }

  private void sendKeying(Pending p, long now) {
    p.lastSentAt = now;
    p.sends++;
    IIKeying keying =
        new IIKeying(
            p.session.localSessionId(), p.cookie, identity.certificate(), p.skic, SIGNATURE);
    endpoint.sendStartup(p.responder, 0, keying.toChunk());
  }

  private Pending byTag(byte[] tag) {
    for (Pending p : pending) {
      if (Arrays.equals(p.tag, tag)) {
        return p;
      }
    }
    return null;
  }

  void onRHello(Chunk chunk, InetSocketAddress sender, long now) {
    RHello hello = RHello.decode(chunk.body());
    Pending p = byTag(hello.tag());
    if (p == null || p.session != null) {
      return;
    }
    byte[] certificate = hello.certificate();
    byte[] responderId = FlashProfile.peerId(certificate);
    if (p.expectedPeerId != null && !Arrays.equals(p.expectedPeerId, responderId)) {
      // RFC 7425 section 4.4.4: only the holder of the named certificate may answer.
      return;
    }
    Map<Integer, byte[]> statics = FlashProfile.staticKeys(certificate);
    List<Integer> offered =
        statics.isEmpty()
            ? FlashProfile.supportedGroups(certificate)
            : new ArrayList<>(statics.keySet());
    DhGroup group = null;
    for (DhGroup g : identity.groups()) {
      if (offered.isEmpty() ? g == DhGroup.GROUP_2 : offered.contains(g.id())) {
        group = g;
        break;
      }
    }
    if (group == null) {
      pending.remove(p);
      p.future.completeExceptionally(new IllegalStateException("no common Diffie-Hellman group"));
      return;
    }
    p.staticKey = identity.key(group);
    if (!statics.isEmpty()) {
      // A peer with static keys (RFC 7425 section 4.3.3.5): the secret is known now.
      try {
        p.staticSecret = p.staticKey.sharedSecret(statics.get(group.id()));
      } catch (IllegalArgumentException e) {
        return;
      }
      p.farPeerId = responderId;
    }
    p.skic =
        KeyComponent.initiator(group.id(), endpoint.randomBytes(64), endpoint.config().integrity());
    p.cookie = hello.cookie();
    p.responder = sender;
    p.session =
        new Session(
            endpoint,
            true,
            endpoint.allocateSessionId(),
            sender,
            endpoint.config(),
            endpoint.listener(),
            now);
    endpoint.register(p.session);
    p.sends = 0;
    sendKeying(p, now);
  }

  void onRedirect(Chunk chunk, long now) {
    Redirect redirect = Redirect.decode(chunk.body());
    Pending p = byTag(redirect.tag());
    if (p == null || p.session != null) {
      return;
    }
    for (RtmfpAddress a : redirect.addresses()) {
      if (!p.targets.contains(a.address()) && p.targets.size() < 8) {
        p.targets.add(a.address());
      }
    }
    sendHello(p, now);
  }

  void onCookieChange(Chunk chunk, long now) {
    CookieChange change = CookieChange.decode(chunk.body());
    for (Pending p : pending) {
      if (p.session != null && Arrays.equals(p.cookie, change.oldCookie())) {
        p.cookie = change.newCookie();
        sendKeying(p, now);
      }
    }
  }

  void onRIKeying(Session session, Chunk chunk, long now) {
    Pending p = null;
    for (Pending q : pending) {
      if (q.session == session) {
        p = q;
      }
    }
    if (p == null) {
      return;
    }
    RIKeying keying = RIKeying.decode(chunk.body());
    KeyComponent skrc = KeyComponent.parse(keying.skrc());
    if (p.staticSecret == null
        && (skrc.ephemeralKey() == null || skrc.ephemeralGroup() != p.staticKey.group().id())) {
      return;
    }
    IntegrityPolicy.Outcome modes = endpoint.config().integrity().negotiate(skrc);
    if (modes == null) {
      pending.remove(p);
      session.abort(now);
      p.future.completeExceptionally(
          new IllegalStateException("HMAC or sequence number modes disagree"));
      return;
    }
    byte[] secret =
        p.staticSecret != null ? p.staticSecret : p.staticKey.sharedSecret(skrc.ephemeralKey());
    SessionKeys keys = SessionKeys.derive(secret, p.skic, keying.skrc(), true);
    pending.remove(p);
    session.keyed(keying.responderSessionId(), keys, modes, p.farPeerId, p.ancillary, now);
    endpoint.listener().sessionOpened(session);
    p.future.complete(session);
  }

  void tick(long now) {
    Iterator<Pending> it = pending.iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (now - p.startedAt > endpoint.config().handshakeTimeout().toMillis()) {
        it.remove();
        if (p.session != null) {
          p.session.abort(now);
        }
        p.future.completeExceptionally(new TimeoutException("RTMFP handshake timed out"));
        continue;
      }
      long backoff = FIRST_RETRY_MS << Math.min(4, Math.max(0, p.sends - 1));
      if (now - p.lastSentAt >= backoff) {
        if (p.session == null) {
          sendHello(p, now);
        } else {
          sendKeying(p, now);
        }
      }
    }
  }

  /** Whether this end is opening a session to the address: an IHello or IIKeying is out to it. */
  boolean openingTo(InetSocketAddress address) {
    return openingPending(address) != null;
  }

  /**
   * Glare lost (RFC 7016 section 3.5.1.3): the far end's session, opened by its IIKeying, replaces
   * ours to the same address. Our attempt stops, its half-open session is dropped, and whoever
   * waited for it gets the far end's session instead.
   */
  void yieldTo(InetSocketAddress address, Session theirs, long now) {
    Pending p = openingPending(address);
    if (p == null) {
      return;
    }
    pending.remove(p);
    if (p.session != null) {
      p.session.abort(now);
    }
    p.future.complete(theirs);
  }

  private Pending openingPending(InetSocketAddress address) {
    for (Pending p : pending) {
      if (address.equals(p.responder) || (p.responder == null && p.targets.contains(address))) {
        return p;
      }
    }
    return null;
  }

  void forget(Session session) {
    for (Pending p : pending) {
      if (p.session == session && !p.future.isDone()) {
        p.session = null;
      }
    }
  }
}
