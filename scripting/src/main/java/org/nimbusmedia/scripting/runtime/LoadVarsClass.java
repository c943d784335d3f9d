package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The {@code LoadVars} class without its HTTP part (FMS 4 SSASLR, LoadVars class): {@code new
 * LoadVars()}, {@code decode(query)} adds the variables of a URL-encoded query string to the
 * object, {@code toString()} encodes its variables back. {@link HttpLoading} adds {@code load},
 * {@code send} and {@code sendAndLoad}.
 */
public final class LoadVarsClass {

  private LoadVarsClass() {}

  public static void define(Context cx, Scriptable scope) {
    Scriptable prototype = cx.newObject(scope);
    HostClass.define(
        scope,
        "LoadVars",
        prototype,
        args -> {
          Scriptable vars = Context.getCurrentContext().newObject(scope);
          vars.setPrototype(prototype);
          return vars;
        });
    Functions.define(
        scope,
        prototype,
        "decode",
        1,
        (c, s, thisObj, args) -> {
          for (String pair : string(args, 0).split("&")) {
            if (pair.isEmpty()) {
              continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            ScriptableObject.putProperty(thisObj, name, value);
          }
          return null;
        });
    Functions.define(
        scope,
        prototype,
        "toString",
        0,
        (c, s, thisObj, args) -> {
          StringJoiner query = new StringJoiner("&");
          for (Object id : thisObj.getIds()) {
            Object value = ScriptableObject.getProperty(thisObj, id.toString());
            if (!(value instanceof Function)) {
              query.add(encode(id.toString()) + "=" + encode(Context.toString(value)));
            }
          }
          return query.toString();
        });
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
