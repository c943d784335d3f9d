package org.nimbusmedia.scripting.runtime;

/** A callback ended with a script error, already reported; carries the error's fields. */
public final class ScriptFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ScriptError error;

  public ScriptFailure(ScriptError error) {
    super(error.description(), null, false, false);
    this.error = error;
  }

  public ScriptError error() {
    return error;
  }
}
