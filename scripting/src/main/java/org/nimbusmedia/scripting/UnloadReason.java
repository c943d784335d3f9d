package org.nimbusmedia.scripting;

/** Why an instance unloads; the code reaches {@code application.onAppStop(info)}. */
public enum UnloadReason {
  /** Idle unload ({@code MaxAppIdleTime}); the script may refuse it by returning false. */
  GC("Application.GC"),
  /** {@code application.shutdown()} or server stop; cannot be refused. */
  SHUTDOWN("Application.Shutdown");

  private final String code;

  UnloadReason(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
