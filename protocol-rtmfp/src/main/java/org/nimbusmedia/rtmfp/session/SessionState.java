package org.nimbusmedia.rtmfp.session;

/**
 * Session states after keying starts (RFC 7016 section 3.5, S_KEYING_SENT to S_CLOSED). {@link
 * #CLOSED} is terminal; {@link #canMoveTo} is the one guard on transitions.
 */
public enum SessionState {
  /** The initiator sent IIKeying and waits for RIKeying. */
  KEYING_SENT,
  /** Keys are established and data flows. */
  OPEN,
  /** This end sent Close and waits for Close Ack (section 3.5.5.1). */
  NEAR_CLOSE,
  /** The far end sent Close; this end acknowledged it and lingers (section 3.5.5.2). */
  FAR_CLOSE_LINGER,
  /** Terminal. */
  CLOSED;

  /** Whether moving from this state to {@code next} is allowed. */
  public boolean canMoveTo(SessionState next) {
    return switch (this) {
      case KEYING_SENT -> next == OPEN || next == CLOSED;
      case OPEN -> next == NEAR_CLOSE || next == FAR_CLOSE_LINGER || next == CLOSED;
      case NEAR_CLOSE, FAR_CLOSE_LINGER -> next == CLOSED;
      case CLOSED -> false;
    };
  }
}
