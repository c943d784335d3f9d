package org.nimbusmedia.rtmfp.wire;

/** Raised when bytes from the network do not follow RFC 7016 framing or exceed a bound. */
public final class MalformedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was wrong, without echoing the offending bytes
   */
  public MalformedException(String message) {
    super(message, null, false, false);
  }
}
