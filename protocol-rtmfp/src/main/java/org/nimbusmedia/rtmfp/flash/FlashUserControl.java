package org.nimbusmedia.rtmfp.flash;

import org.nimbusmedia.rtmfp.wire.MalformedException;
import org.nimbusmedia.rtmfp.wire.WireReader;
import org.nimbusmedia.rtmfp.wire.WireWriter;

/**
 * The RTMFP-only User Control events (RTMP message type 4) of RFC 7425: Flow Sync (event 34,
 * section 5.2) and Set Keepalive Timers (event 41, section 5.3.4).
 */
public final class FlashUserControl {
  /** RTMP message type of User Control events. */
  public static final int USER_CONTROL = 0x04;

  /** Flow Sync: {@code u32 syncId | u32 count}. */
  public static final int FLOW_SYNC = 34;

  /** Set Keepalive Timers: {@code u32 serverPeriodMs | u32 peerPeriodMs}. */
  public static final int SET_KEEPALIVE_TIMERS = 41;

  /** Smallest keepalive period a receiver honours (section 5.3.4). */
  public static final long MIN_KEEPALIVE_MS = 5000;

  private FlashUserControl() {}

  /** A Flow Sync event. */
  public record FlowSync(long syncId, long count) {}

  /** A Set Keepalive Timers event. */
  public record KeepaliveTimers(long serverPeriodMs, long peerPeriodMs) {}

  /** Encodes Flow Sync as a flow message. */
  public static FlowMessage flowSync(long syncId, long count) {
    return event(FLOW_SYNC, syncId, count);
  }

  /** Encodes Set Keepalive Timers as a flow message; Mona sends 15000 / 10000. */
  public static FlowMessage keepaliveTimers(long serverPeriodMs, long peerPeriodMs) {
    return event(SET_KEEPALIVE_TIMERS, serverPeriodMs, peerPeriodMs);
  }

  private static FlowMessage event(int type, long a, long b) {
    return new FlowMessage(
        USER_CONTROL, 0, new WireWriter().u16(type).u32((int) a).u32((int) b).toByteArray());
  }

  /** The event type of a User Control flow message. */
  public static int eventType(FlowMessage message) {
    if (message.type() != USER_CONTROL) {
      throw new IllegalArgumentException("not a User Control message");
    }
    return new WireReader(message.payload()).u16();
  }

  /** Parses Flow Sync. */
  public static FlowSync parseFlowSync(FlowMessage message) {
    WireReader r = body(message, FLOW_SYNC);
    return new FlowSync(Integer.toUnsignedLong(r.u32()), Integer.toUnsignedLong(r.u32()));
  }

  /** Parses Set Keepalive Timers, raising periods below the 5 s minimum to it. */
  public static KeepaliveTimers parseKeepaliveTimers(FlowMessage message) {
    WireReader r = body(message, SET_KEEPALIVE_TIMERS);
    long server = Math.max(MIN_KEEPALIVE_MS, Integer.toUnsignedLong(r.u32()));
    long peer = Math.max(MIN_KEEPALIVE_MS, Integer.toUnsignedLong(r.u32()));
    return new KeepaliveTimers(server, peer);
  }

  private static WireReader body(FlowMessage message, int expected) {
    WireReader r = new WireReader(message.payload());
    if (message.type() != USER_CONTROL || r.u16() != expected) {
      throw new MalformedException("not User Control event " + expected);
    }
    return r;
  }
}
