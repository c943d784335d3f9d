package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.io.IOException;
import java.util.StringJoiner;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.slf4j.Logger;

/** {@code trace(expr)} and {@code load(file)}. */
public final class GlobalFunctions {

  private GlobalFunctions() {}

  public static void define(Scriptable scope, Logger log, ScriptSources sources) {
    Functions.define(
        scope,
        scope,
        "trace",
        1,
        (cx, s, thisObj, args) -> {
          StringJoiner line = new StringJoiner(" ");
          for (Object arg : args) {
            line.add(Context.toString(arg));
          }
          log.info("{}", line);
          return null;
        });
    Functions.define(
        scope,
        scope,
        "load",
        1,
        (cx, s, thisObj, args) -> {
          ScriptSources.Source source;
          try {
            source = sources.readLoaded(string(args, 0));
          } catch (IllegalArgumentException e) {
            throw Functions.error(e.getMessage());
          } catch (IOException e) {
            throw Functions.error("load: cannot read " + string(args, 0) + ": " + e.getMessage());
          }
          log.debug("load {}", source.name());
          return cx.evaluateString(scope, source.text(), source.name(), 1, null);
        });
  }
}
