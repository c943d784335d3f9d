package org.nimbusmedia.scripting.runtime;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.slf4j.Logger;

/**
 * Reports script errors the way FMS does: a line in the application log with file, line and the
 * offending line, then {@code application.onStatus} with {@code Application.Script.Error} (FMS 4
 * SSASLR, Application.onStatus). An error inside {@code onStatus} itself is only logged.
 */
public final class ErrorReporter implements ScriptThread.ErrorListener {

  private final Logger log;
  private final Scriptable scope;
  private Scriptable application;
  private boolean reporting;

  public ErrorReporter(Logger log, Scriptable scope) {
    this.log = log;
    this.scope = scope;
  }

  /** Set once {@code application} exists; errors before that are only logged. */
  public void setApplication(Scriptable application) {
    this.application = application;
  }

  @Override
  public void report(Context cx, ScriptError error) {
    log.error(
        "{}:{}: {}{}",
        error.filename(),
        error.lineno(),
        error.description(),
        error.linebuf().isEmpty() ? "" : System.lineSeparator() + "    " + error.linebuf());
    if (application == null || reporting) {
      return;
    }
    Object onStatus = ScriptableObject.getProperty(application, "onStatus");
    if (!(onStatus instanceof Function handler)) {
      return;
    }
    reporting = true;
    try {
      Scriptable info =
          Functions.info(
              cx,
              scope,
              "code",
              "Application.Script.Error",
              "level",
              "error",
              "filename",
              error.filename(),
              "lineno",
              (double) error.lineno(),
              "linebuf",
              error.linebuf(),
              "description",
              error.description());
      handler.call(cx, scope, application, new Object[] {info});
    } catch (RhinoException | RunawayScriptError e) {
      ScriptError inner = ScriptError.of(e, null);
      log.error(
          "application.onStatus failed: {}:{}: {}",
          inner.filename(),
          inner.lineno(),
          inner.description());
    } finally {
      reporting = false;
    }
  }
}
