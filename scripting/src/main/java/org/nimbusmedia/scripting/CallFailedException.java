package org.nimbusmedia.scripting;

/**
 * A remote call failed: the server answers {@code _error} with {@code NetConnection.Call.Failed}
 * and this description. The description is short and never holds a stack trace.
 */
public final class CallFailedException extends Exception {

  public static final String CODE = "NetConnection.Call.Failed";

  private static final long serialVersionUID = 1L;

  public CallFailedException(String description) {
    super(description, null, false, false);
  }

  public String code() {
    return CODE;
  }

  public String description() {
    return getMessage();
  }
}
