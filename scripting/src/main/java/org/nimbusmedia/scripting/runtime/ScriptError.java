package org.nimbusmedia.scripting.runtime;

import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptStackElement;
import org.mozilla.javascript.WrappedException;

/**
 * A script error as FMS reports it in {@code Application.Script.Error} (SSAS {@code
 * application.onStatus}: {@code filename}, {@code lineno}, {@code linebuf}, {@code description}).
 */
public record ScriptError(String filename, int lineno, String linebuf, String description) {

  /** The fields of a Rhino error; the line text comes from {@code sources} if Rhino has none. */
  static ScriptError of(Throwable failure, ScriptSources sources) {
    if (failure instanceof RunawayScriptError timeout) {
      return withLine(timeout.filename(), timeout.lineno(), null, timeout.getMessage(), sources);
    }
    if (failure instanceof RhinoException rhino) {
      return withLine(
          rhino.sourceName(), rhino.lineNumber(), rhino.lineSource(), describe(rhino), sources);
    }
    return new ScriptError("", 0, "", String.valueOf(failure.getMessage()));
  }

  /** Where the innermost script frame of the calling thread is, or null outside any script. */
  static ScriptStackElement currentPosition() {
    ScriptStackElement[] stack = new EvaluatorException("probe").getScriptStack();
    return stack.length == 0 ? null : stack[0];
  }

  private static ScriptError withLine(
      String file, int line, String text, String description, ScriptSources sources) {
    String name = file == null ? "" : file;
    String linebuf = text != null ? text : sources == null ? "" : sources.line(name, line);
    return new ScriptError(name, Math.max(line, 0), linebuf, description);
  }

  private static String describe(RhinoException rhino) {
    if (rhino instanceof WrappedException wrapped) {
      Throwable cause = wrapped.getWrappedException();
      return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
    return rhino.details();
  }
}
