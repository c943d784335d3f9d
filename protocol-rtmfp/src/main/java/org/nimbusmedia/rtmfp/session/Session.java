package org.nimbusmedia.rtmfp.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.nimbusmedia.rtmfp.crypto.Integrity;
import org.nimbusmedia.rtmfp.crypto.PacketCipher;
import org.nimbusmedia.rtmfp.crypto.SessionKeys;
import org.nimbusmedia.rtmfp.flow.AckRanges;
import org.nimbusmedia.rtmfp.flow.FlowControlChunks;
import org.nimbusmedia.rtmfp.flow.ReceiveFlow;
import org.nimbusmedia.rtmfp.flow.SendFlow;
import org.nimbusmedia.rtmfp.flow.UserData;
import org.nimbusmedia.rtmfp.handshake.ForwardedIHello;
import org.nimbusmedia.rtmfp.handshake.IntegrityPolicy;
import org.nimbusmedia.rtmfp.wire.Chunk;
import org.nimbusmedia.rtmfp.wire.Packet;
import org.nimbusmedia.rtmfp.wire.RtmfpOption;
import org.nimbusmedia.rtmfp.wire.WireReader;

/**
 * One RTMFP session (RFC 7016 section 3.5). All state is confined to the endpoint's event loop; the
 * public methods may be called from any thread and hop onto it.
 */
public final class Session {
  /**
   * Bytes of a packet before its chunks: flags, timestamp and timestamp echo (RFC 7016 section
   * 2.2.4).
   */
  private static final int PACKET_HEADER = 5;

  private static final long CLOSE_RETRY_MS = 1000;
  private static final long CLOSE_GIVE_UP_MS = 10_000;
  private static final long MIN_RTO_MS = 250;
  private static final long MAX_RTO_MS = 10_000;

  /** How long after sending time-critical data this end still counts as sending it. */
  private static final long TIME_CRITICAL_HOLD_MS = 800;

  private final RtmfpEndpoint endpoint;
  private final boolean initiator;
  private final int localSessionId;
  private final RtmfpConfig config;
  private final SessionListener listener;
  private final AtomicLong nextFlowId = new AtomicLong(1);

  private SessionState state;
  private int farSessionId;
  private InetSocketAddress farAddress;
  private PacketCipher encryptor = PacketCipher.defaultKey();
  private PacketCipher decryptor = PacketCipher.defaultKey();
  private Integrity sendIntegrity = Integrity.CHECKSUM;
  private Integrity receiveIntegrity = Integrity.CHECKSUM;
  private SessionKeys keys;
  private byte[] farPeerId;
  private String ancillary;

  private final Map<Long, SendFlow> sendFlows = new HashMap<>();
  private final Map<Long, ReceiveFlow> receiveFlows = new HashMap<>();
  private final List<Chunk> control = new ArrayList<>();
  private final Set<Long> ackDue = new LinkedHashSet<>();

  private int farTimestamp = -1;
  private long farTimestampAt;
  private long srtt = -1;
  private long rttvar;
  private long lastReceiveAt;
  private long lastPingAt;
  private long stateSince;
  private long lastCloseSentAt;
  private final CongestionControl congestion;
  private final AckTimer ackTimer = new AckTimer();
  private long lastLossAt;

  /** Whether a timeout declared data lost and no loss was detected since: it may be undone. */
  private boolean timedOutSinceLoss;

  private long lastProgressAt;
  private long lastDataSentAt;
  private long lastTimeCriticalAt = Long.MIN_VALUE / 2;
  private InetSocketAddress candidateAddress;
  private byte[] mobilityNonce;
  private volatile List<InetSocketAddress> reportedAddresses = List.of();
  private volatile int queuedFragments;

  Session(
      RtmfpEndpoint endpoint,
      boolean initiator,
      int localSessionId,
      InetSocketAddress farAddress,
      RtmfpConfig config,
      SessionListener listener,
      long now) {
    this.endpoint = endpoint;
    this.initiator = initiator;
    this.localSessionId = localSessionId;
    this.farAddress = farAddress;
    this.config = config;
    this.listener = listener;
    this.state = initiator ? SessionState.KEYING_SENT : SessionState.OPEN;
    this.lastReceiveAt = now;
    this.stateSince = now;
    this.congestion = new CongestionControl(config.maxPacketSize());
  }

  /** Our session id: the far end puts it in front of every packet it sends us. */
  public int localSessionId() {
    return localSessionId;
  }

  /** The far end's session id. */
  public int farSessionId() {
    return farSessionId;
  }

  /** Where packets for this session are sent. */
  public synchronized InetSocketAddress farAddress() {
    return farAddress;
  }

  /** The current state. */
  public synchronized SessionState state() {
    return state;
  }

  /** Whether this end initiated the session. */
  public boolean initiator() {
    return initiator;
  }

  /** The far end's peer ID (SHA-256 of its certificate), or null for a server's. */
  public synchronized byte[] farPeerId() {
    return farPeerId == null ? null : farPeerId.clone();
  }

  /** The ancillary data of the initiator's EPD (the rtmfp URI), or null. */
  public synchronized String ancillary() {
    return ancillary;
  }

  /** This end's session nonce (RFC 7425 section 4.6.5). */
  public synchronized byte[] nearNonce() {
    return keys == null ? null : keys.nearNonce();
  }

  /** The far end's session nonce. */
  public synchronized byte[] farNonce() {
    return keys == null ? null : keys.farNonce();
  }

  /**
   * Records the addresses the far end reports for itself (Flash {@code setPeerInfo}, RFC 7425
   * section 5.3.3): a server's introductions pass them on after the observed address.
   */
  public void reportAddresses(List<InetSocketAddress> addresses) {
    reportedAddresses = List.copyOf(addresses);
  }

  /** The addresses the far end reported for itself, possibly none. */
  public List<InetSocketAddress> reportedAddresses() {
    return reportedAddresses;
  }

  /**
   * Fragments queued or unacknowledged on all sending flows, as of the last send, acknowledgement
   * or timer tick: lets a producer on another thread stop writing while the far end is behind.
   */
  public int queuedFragments() {
    return queuedFragments;
  }

  /** Smoothed round-trip time in milliseconds, or -1 before the first sample. */
  public synchronized long rttMillis() {
    return srtt;
  }

  /**
   * Opens a sending flow.
   *
   * @param metadata flow metadata (RFC 7016 section 2.3.11.1.1)
   * @param returnFlowId the far end's flow this answers, or -1
   * @param priority lower values are sent first
   * @return the new flow's id
   */
  public long openFlow(byte[] metadata, long returnFlowId, int priority) {
    long id = nextFlowId.getAndIncrement();
    byte[] copy = metadata.clone();
    endpoint.execute(() -> sendFlows.put(id, new SendFlow(id, copy, returnFlowId, priority)));
    return id;
  }

  /** Sends a message reliably on a flow. */
  public void send(long flowId, byte[] message) {
    send(flowId, message, null);
  }

  /**
   * Sends a message on a flow.
   *
   * @param lifetime how long the message may stay unacknowledged before it is abandoned, or null
   *     for full reliability
   */
  public void send(long flowId, byte[] message, Duration lifetime) {
    byte[] copy = message.clone();
    endpoint.execute(
        () -> {
          SendFlow flow = sendFlows.get(flowId);
          if (flow == null || flow.rejected() || state != SessionState.OPEN) {
            return;
          }
          long now = endpoint.now();
          long deadline = lifetime == null ? SendFlow.RELIABLE : now + lifetime.toMillis();
          flow.write(copy, maxFragment(flow), deadline);
          flush(now);
        });
  }

  /** Ends a sending flow after its queued messages. */
  public void closeFlow(long flowId) {
    endpoint.execute(
        () -> {
          SendFlow flow = sendFlows.get(flowId);
          if (flow != null) {
            flow.close();
            flush(endpoint.now());
          }
        });
  }

  /** Whether every sending flow has been fully acknowledged. */
  public boolean sendQueuesEmpty() {
    return endpoint.call(() -> sendFlows.values().stream().allMatch(SendFlow::idle));
  }

  /** Closes the session with Close / Close Ack (RFC 7016 section 3.5.5.1). */
  public void close() {
    endpoint.execute(
        () -> {
          if (state == SessionState.OPEN) {
            long now = endpoint.now();
            moveTo(SessionState.NEAR_CLOSE, now);
            sendClose(now);
          }
        });
  }

  /** Queues a control chunk (a forwarded IHello, for instance) and sends it. */
  void sendControl(Chunk chunk) {
    control.add(chunk);
    flush(endpoint.now());
  }

  private int maxFragment(SendFlow flow) {
    return flow.largestFragment(config.maxPacketSize() - PACKET_HEADER);
  }

  // ---- event loop only below ----

  void keyed(
      int farSessionId,
      SessionKeys keys,
      IntegrityPolicy.Outcome modes,
      byte[] farPeerId,
      String ancillary,
      long now) {
    synchronized (this) {
      this.farSessionId = farSessionId;
      this.keys = keys;
      this.farPeerId = farPeerId;
      this.ancillary = ancillary;
    }
    this.encryptor = new PacketCipher(keys.encryptKey());
    this.decryptor = new PacketCipher(keys.decryptKey());
    this.sendIntegrity =
        new Integrity(
            modes.sendHmac() ? keys.sendHmacKey() : null,
            modes.sendHmacLength(),
            modes.sendSequence());
    this.receiveIntegrity =
        new Integrity(
            modes.receiveHmac() ? keys.receiveHmacKey() : null,
            modes.receiveHmacLength(),
            modes.receiveSequence());
    this.lastReceiveAt = now;
    if (state == SessionState.KEYING_SENT) {
      moveTo(SessionState.OPEN, now);
    }
  }

  PacketCipher decryptor() {
    return decryptor;
  }

  PacketCipher encryptor() {
    return encryptor;
  }

  Integrity receiveIntegrity() {
    return receiveIntegrity;
  }

  Integrity sendIntegrity() {
    return sendIntegrity;
  }

  private void moveTo(SessionState next, long now) {
    synchronized (this) {
      if (!state.canMoveTo(next)) {
        throw new IllegalStateException(state + " -> " + next);
      }
      state = next;
    }
    stateSince = now;
    if (next == SessionState.CLOSED) {
      endpoint.removed(this);
      listener.sessionClosed(this);
    }
  }

  /** Drops the session at once, without telling the far end. */
  void abort(long now) {
    if (state != SessionState.CLOSED) {
      moveTo(SessionState.CLOSED, now);
    }
  }

  /** Handles a decrypted packet of this session. */
  void receive(Packet packet, InetSocketAddress from, long now) {
    if (state == SessionState.CLOSED) {
      return;
    }
    int expectedMode = initiator ? Packet.MODE_RESPONDER : Packet.MODE_INITIATOR;
    if (packet.mode() != expectedMode) {
      return;
    }
    lastReceiveAt = now;
    if (!from.equals(farAddress)) {
      startAddressValidation(from);
    }
    if (packet.timestamp() >= 0) {
      farTimestamp = packet.timestamp();
      farTimestampAt = now;
    }
    if (packet.timestampEcho() >= 0) {
      long sample = ((ticks(now) - packet.timestampEcho()) & 0xffff) * 4L;
      if (sample < 60_000) {
        updateRtt(sample);
        listener.roundTrip(this, sample);
      }
    }
    UserData previous = null;
    boolean userData = false;
    boolean urgentAck = false;
    for (Chunk chunk : packet.chunks()) {
      if (state == SessionState.CLOSED) {
        return;
      }
      switch (chunk.type()) {
        case Chunk.USER_DATA, Chunk.NEXT_USER_DATA -> {
          previous = UserData.decode(chunk, previous);
          userData = true;
          urgentAck |= onUserData(previous);
        }
        case Chunk.ACK_RANGES -> onAck(AckRanges.decode(chunk.body()), now);
        case Chunk.PING -> control.add(new Chunk(Chunk.PING_REPLY, chunk.body()));
        case Chunk.PING_REPLY -> onPingReply(chunk.body(), from);
        case Chunk.BUFFER_PROBE -> {
          long id = FlowControlChunks.flowId(chunk);
          if (receiveFlows.containsKey(id)) {
            ackDue.add(id);
            ackTimer.urgent();
          }
        }
        case Chunk.FLOW_EXCEPTION -> {
          SendFlow flow = sendFlows.get(FlowControlChunks.flowId(chunk));
          if (flow != null) {
            flow.reject();
          }
        }
        case Chunk.CLOSE -> onClose(now);
        case Chunk.FORWARDED_IHELLO ->
            endpoint.onForwardedIHello(ForwardedIHello.decode(chunk.body()));
        case Chunk.CLOSE_ACK -> {
          if (state == SessionState.NEAR_CLOSE || state == SessionState.OPEN) {
            moveTo(SessionState.CLOSED, now);
            return;
          }
        }
        default -> {
          // RFC 7016 section 2.3: unknown chunk types are ignored.
        }
      }
    }
    if (userData) {
      ackTimer.received(now, urgentAck);
    }
    if (state != SessionState.CLOSED) {
      flush(now);
    }
  }

  private void onClose(long now) {
    control.add(new Chunk(Chunk.CLOSE_ACK, new byte[0]));
    if (state == SessionState.OPEN) {
      moveTo(SessionState.FAR_CLOSE_LINGER, now);
      listener.sessionClosedByFarEnd(this);
    } else if (state == SessionState.NEAR_CLOSE) {
      flush(now);
      moveTo(SessionState.CLOSED, now);
    }
  }

  /**
   * Delivers a fragment to its flow.
   *
   * @return whether the acknowledgement must go at once: a gap, the end of the flow, or a rejection
   */
  private boolean onUserData(UserData data) {
    if (state != SessionState.OPEN) {
      return false;
    }
    long flowId = data.flowId();
    ReceiveFlow flow = receiveFlows.get(flowId);
    if (flow == null) {
      if (receiveFlows.size() >= config.maxFlowsPerSession()) {
        control.add(FlowControlChunks.flowException(flowId, 0));
        return true;
      }
      byte[] metadata = null;
      long returnFlow = -1;
      for (RtmfpOption o : data.options()) {
        if (o.type() == UserData.OPTION_METADATA) {
          metadata = o.value();
        } else if (o.type() == UserData.OPTION_RETURN_FLOW) {
          returnFlow = new WireReader(o.value()).vlu();
        }
      }
      if (metadata == null || (returnFlow >= 0 && !sendFlows.containsKey(returnFlow))) {
        // RFC 7016 section 3.6.3.1: a new flow must carry its metadata, and a return flow
        // association must name a flow this end sends; reject it otherwise.
        control.add(FlowControlChunks.flowException(flowId, 0));
        return true;
      }
      ReceiveFlow[] holder = new ReceiveFlow[1];
      flow =
          new ReceiveFlow(
              flowId,
              metadata,
              returnFlow,
              config.receiveBuffer(),
              config.maxMessageSize(),
              message -> listener.message(this, holder[0], message));
      holder[0] = flow;
      receiveFlows.put(flowId, flow);
    }
    flow.receive(data);
    ackDue.add(flowId);
    return flow.hasGap() || flow.finished();
  }

  private void onAck(AckRanges ack, long now) {
    SendFlow flow = sendFlows.get(ack.flowId());
    if (flow == null) {
      return;
    }
    long outstandingBefore = bytesInFlight();
    SendFlow.AckResult result = flow.acknowledge(ack);
    if (result.bytesAcked() > 0) {
      lastProgressAt = now;
    }
    if (result.lostDataArrived() && timedOutSinceLoss) {
      // A fragment the last timeout declared lost arrived: the far end stalled, nothing was
      // dropped. Undo the timeout (RFC 4015 section 3.2) rather than slow start from two packets.
      timedOutSinceLoss = false;
      congestion.timeoutWasSpurious();
      for (SendFlow f : sendFlows.values()) {
        f.timeoutWasSpurious();
      }
    }
    // RFC 7016 Appendix A: one decrease per round trip, however many losses it reveals.
    boolean loss = result.lossDetected() && now - lastLossAt > Math.max(srtt, MIN_RTO_MS);
    if (loss) {
      lastLossAt = now;
      timedOutSinceLoss = false;
    }
    congestion.acknowledged(
        result.bytesAcked(),
        loss,
        outstandingBefore,
        now - lastTimeCriticalAt < TIME_CRITICAL_HOLD_MS);
  }

  private long bytesInFlight() {
    long inFlight = 0;
    for (SendFlow f : sendFlows.values()) {
      inFlight += f.bytesInFlight();
    }
    return inFlight;
  }

  /** The congestion window in bytes (RFC 7016 Appendix A). */
  long congestionWindow() {
    return congestion.window();
  }

  private void startAddressValidation(InetSocketAddress from) {
    // RFC 7016 section 3.5.4.2: keep sending to the old address until the new one answers a
    // ping carrying a nonce.
    if (from.equals(candidateAddress)) {
      return;
    }
    candidateAddress = from;
    mobilityNonce = endpoint.randomBytes(8);
    byte[] body = new byte[9];
    body[0] = 'M';
    System.arraycopy(mobilityNonce, 0, body, 1, 8);
    endpoint.send(
        from,
        farSessionId,
        encryptor,
        packet(List.of(new Chunk(Chunk.PING, body)), endpoint.now()));
  }

  private void onPingReply(byte[] body, InetSocketAddress from) {
    if (mobilityNonce != null
        && from.equals(candidateAddress)
        && body.length == 9
        && Arrays.equals(Arrays.copyOfRange(body, 1, 9), mobilityNonce)) {
      synchronized (this) {
        farAddress = from;
      }
      candidateAddress = null;
      mobilityNonce = null;
    }
  }

  private void updateRtt(long sample) {
    // RFC 6298-style smoothing, as RFC 7016 section 3.5.2.1 suggests.
    long s;
    synchronized (this) {
      if (srtt < 0) {
        srtt = sample;
        rttvar = sample / 2;
      } else {
        rttvar = (3 * rttvar + Math.abs(srtt - sample)) / 4;
        srtt = (7 * srtt + sample) / 8;
      }
      s = srtt;
    }
    if (s < 0) {
      throw new IllegalStateException();
    }
  }

  private long rto() {
    // As rtmfp-cpp does: the far end may hold its acknowledgement for the delayed-ack time.
    long base = srtt < 0 ? 1000 : srtt + 4 * rttvar + AckTimer.DELAY_MS;
    return Math.min(MAX_RTO_MS, Math.max(MIN_RTO_MS, base));
  }

  /** Periodic work: retransmission, keepalive, idle timeout, close retries. */
  void tick(long now) {
    switch (state) {
      case OPEN -> {
        if (now - lastReceiveAt > config.idleTimeout().toMillis()) {
          moveTo(SessionState.CLOSED, now);
          return;
        }
        long keepalive = config.keepalive().toMillis();
        if (now - lastReceiveAt > keepalive && now - lastPingAt > keepalive) {
          lastPingAt = now;
          control.add(new Chunk(Chunk.PING, new byte[0]));
        }
        congestionTimeouts(now);
        flush(now);
      }
      case NEAR_CLOSE -> {
        if (now - stateSince > CLOSE_GIVE_UP_MS) {
          moveTo(SessionState.CLOSED, now);
        } else if (now - lastCloseSentAt > CLOSE_RETRY_MS) {
          sendClose(now);
        }
      }
      case FAR_CLOSE_LINGER -> {
        if (now - stateSince > CLOSE_GIVE_UP_MS) {
          moveTo(SessionState.CLOSED, now);
        }
      }
      case KEYING_SENT -> {
        if (now - stateSince > config.handshakeTimeout().toMillis()) {
          moveTo(SessionState.CLOSED, now);
        }
      }
      case CLOSED -> {
        // Nothing to do.
      }
    }
  }

  /**
   * Retransmission timeouts as congestion control sees them (RFC 7016 Appendix A): no progress for
   * a timeout with data in flight is a loss of everything in flight, which the flows send again
   * within the reduced window; a timeout's worth of idleness resets the window.
   */
  private void congestionTimeouts(long now) {
    long rto = rto();
    if (bytesInFlight() > 0) {
      if (now - lastProgressAt >= rto) {
        for (SendFlow flow : sendFlows.values()) {
          flow.timedOut();
        }
        congestion.timedOut(true);
        timedOutSinceLoss = true;
        lastProgressAt = now;
      }
    } else if (now - lastDataSentAt >= rto) {
      congestion.timedOut(false);
    }
  }

  private void sendClose(long now) {
    lastCloseSentAt = now;
    control.add(new Chunk(Chunk.CLOSE, new byte[0]));
    flush(now);
  }

  /** Sends pending control chunks, acknowledgements and flow data (RFC 7016 section 3.5.3). */
  void flush(long now) {
    if (state == SessionState.CLOSED || state == SessionState.KEYING_SENT) {
      return;
    }
    long rto = rto();
    for (SendFlow flow : sendFlows.values()) {
      if (flow.probeDue(now, rto)) {
        control.add(FlowControlChunks.bufferProbe(flow.flowId()));
      }
    }
    boolean dataWaits = sendFlows.values().stream().anyMatch(SendFlow::hasUnsent);
    if (!ackDue.isEmpty() && ackTimer.due(now, !control.isEmpty() || dataWaits)) {
      for (Long id : ackDue) {
        ReceiveFlow flow = receiveFlows.get(id);
        if (flow != null) {
          control.add(0, flow.acknowledgement().toChunk());
        }
      }
      ackDue.clear();
      ackTimer.sent();
    }
    List<SendFlow> flows = new ArrayList<>(sendFlows.values());
    flows.sort(Comparator.comparingInt(SendFlow::priority));
    int queued = 0;
    for (SendFlow flow : flows) {
      queued += flow.queuedFragments();
    }
    queuedFragments = queued;
    int budget = config.maxPacketSize() - PACKET_HEADER;
    // Packets until one would be empty: whatever did not fit in a packet goes in the next.
    while (true) {
      List<Chunk> chunks = new ArrayList<>();
      int size = 0;
      while (!control.isEmpty() && size + control.get(0).encodedSize() <= budget) {
        Chunk c = control.remove(0);
        size += c.encodedSize();
        chunks.add(c);
      }
      if (!control.isEmpty() && chunks.isEmpty()) {
        control.remove(0);
      }
      boolean timeCritical = false;
      if (state == SessionState.OPEN) {
        // Fragments fill the packet in priority order (RFC 7016 section 3.6.2.3): a fragment too
        // big for what is left waits for the next packet, a smaller one of another flow may
        // still fit.
        for (SendFlow flow : flows) {
          long resentBefore = flow.retransmissions();
          while (true) {
            long inFlight = bytesInFlight();
            UserData data = flow.poll(now, rto, inFlight < congestion.window(), budget - size);
            if (data == null) {
              break;
            }
            if (inFlight == 0) {
              // The retransmission clock of congestion control starts with the first byte out.
              lastProgressAt = now;
            }
            Chunk c = data.toChunk();
            size += c.encodedSize();
            chunks.add(c);
            timeCritical |= flow.timeCritical();
            lastDataSentAt = now;
          }
          int resent = (int) (flow.retransmissions() - resentBefore);
          if (resent > 0) {
            listener.retransmitted(this, resent);
          }
        }
      }
      if (chunks.isEmpty()) {
        return;
      }
      if (timeCritical) {
        lastTimeCriticalAt = now;
      }
      endpoint.send(
          farAddress, farSessionId, encryptor, sendIntegrity, packet(chunks, now, timeCritical));
    }
  }

  private Packet packet(List<Chunk> chunks, long now) {
    return packet(chunks, now, false);
  }

  /** A packet; {@code timeCritical} sets TC (RFC 7016 section 2.2.4) for real-time data. */
  private Packet packet(List<Chunk> chunks, long now, boolean timeCritical) {
    int mode = initiator ? Packet.MODE_INITIATOR : Packet.MODE_RESPONDER;
    if (timeCritical) {
      mode |= Packet.FLAG_TC;
    }
    int echo = -1;
    if (farTimestamp >= 0 && now - farTimestampAt < 128_000) {
      // RFC 7016 section 3.5.2.1: echo the far timestamp advanced by the time it was held.
      echo = (int) ((farTimestamp + (now - farTimestampAt) / 4) & 0xffff);
    }
    return new Packet(mode, ticks(now), echo, chunks);
  }

  private static int ticks(long nowMillis) {
    return (int) ((nowMillis / 4) & 0xffff);
  }

  /** Id, far address, state and the negotiated integrity modes, for logs. */
  @Override
  public String toString() {
    return "session "
        + Integer.toHexString(localSessionId)
        + " with "
        + farAddress()
        + " "
        + state()
        + " (send "
        + describe(sendIntegrity)
        + ", receive "
        + describe(receiveIntegrity)
        + ")";
  }

  private static String describe(Integrity integrity) {
    String hmac = integrity.hmac() ? "HMAC-" + integrity.hmacLength() : "checksum";
    return integrity.sequence() ? hmac + "+sequence" : hmac;
  }

  /** Closes a session whose far end sent a malformed chunk. */
  void malformed(long now) {
    abort(now);
  }
}
