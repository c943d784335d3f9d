package org.nimbusmedia.rtmfp.meeting;

/**
 * How a meeting's media travels (Vass 2010, "Choosing a topology"): the server decides it, the
 * meeting client follows it.
 */
public enum Topology {
  /** Every participant sends its stream to every other one directly (RTMFP peer to peer). */
  MESH("mesh"),
  /** Every participant publishes to the server and plays the others from it. */
  CLIENT_SERVER("client-server");

  private final String code;

  Topology(String code) {
    this.code = code;
  }

  /** The name clients and scripts see. */
  public String code() {
    return code;
  }

  /** The topology named {@code code}; null when there is none. */
  public static Topology of(String code) {
    for (Topology t : values()) {
      if (t.code.equals(code)) {
        return t;
      }
    }
    return null;
  }
}
