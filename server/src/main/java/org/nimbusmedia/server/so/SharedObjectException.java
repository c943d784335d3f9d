package org.nimbusmedia.server.so;

/** A refused shared object operation, carrying the status code a client receives (fms4.md 1.10). */
public final class SharedObjectException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  public SharedObjectException(String code, String detail) {
    super(code + ": " + detail);
    this.code = code;
  }

  /** The status code, e.g. {@code SharedObject.BadPersistence}. */
  public String code() {
    return code;
  }
}
