package org.nimbusmedia.scripting.runtime;

import static org.nimbusmedia.scripting.runtime.Functions.arg;
import static org.nimbusmedia.scripting.runtime.Functions.define;
import static org.nimbusmedia.scripting.runtime.Functions.given;
import static org.nimbusmedia.scripting.runtime.Functions.string;

import java.util.List;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.ConnectDecision;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.amf.ClassRegistry;
import org.nimbusmedia.scripting.host.ApplicationHost;

/**
 * Builds the {@code application} singleton of an instance (FMS 4 SSASLR, Application class): its
 * read-only properties and the methods that decide connections or delegate to the host. The event
 * handlers ({@code onConnect}, {@code onAppStart}, ...) are what the script assigns.
 */
public final class ApplicationObject {

  private ApplicationObject() {}

  /** Creates {@code application} in {@code scope} and returns it. */
  public static Scriptable create(
      Context cx,
      Scriptable scope,
      ApplicationHost host,
      String serverInfo,
      ConnectionTable connections,
      AmfConverter amf,
      ClassRegistry classes) {
    Scriptable application = cx.newObject(scope);
    int readOnly = ScriptableObject.READONLY | ScriptableObject.PERMANENT;
    ScriptableObject.defineProperty(
        application, "name", host.applicationName() + "/" + host.instanceName(), readOnly);
    ScriptableObject.defineProperty(application, "hostname", host.hostname(), readOnly);
    ScriptableObject.defineProperty(application, "server", serverInfo, readOnly);
    ScriptableObject.defineProperty(application, "clients", connections.clientsArray(), readOnly);
    ScriptableObject.defineProperty(
        application, "config", amf.toScript(cx, host.config()), ScriptableObject.EMPTY);
    ScriptableObject.putProperty(application, "allowDebug", host.allowDebug());

    define(
        scope,
        application,
        "acceptConnection",
        1,
        (c, s, thisObj, args) -> connections.accept(arg(args, 0)));
    define(
        scope,
        application,
        "rejectConnection",
        2,
        (c, s, thisObj, args) ->
            connections.decideAgainst(
                arg(args, 0),
                new ConnectDecision.Reject(errorObject(amf, args, 1), "Connection rejected.")));
    define(
        scope,
        application,
        "redirectConnection",
        4,
        (c, s, thisObj, args) ->
            connections.decideAgainst(
                arg(args, 0),
                new ConnectDecision.Redirect(
                    string(args, 1),
                    given(args, 2) ? string(args, 2) : "Connection redirected.",
                    errorObject(amf, args, 3))));
    define(
        scope,
        application,
        "disconnect",
        1,
        (c, s, thisObj, args) -> {
          if (arg(args, 0) instanceof ClientObject client
              && connections.find(client.handle()) == client) {
            client.handle().disconnect();
            return true;
          }
          return false;
        });
    define(
        scope,
        application,
        "broadcastMsg",
        1,
        (c, s, thisObj, args) -> {
          String method = string(args, 0);
          List<Object> values = amf.toAmf(args, 1);
          connections.acceptedClients().forEach(cl -> cl.handle().call(method, values, null));
          return null;
        });
    define(
        scope,
        application,
        "shutdown",
        0,
        (c, s, thisObj, args) -> {
          host.requestShutdown();
          return true;
        });
    // Memory belongs to the JVM; there is nothing per instance to collect.
    define(scope, application, "gc", 0, (c, s, thisObj, args) -> null);
    define(
        scope, application, "getStats", 0, (c, s, thisObj, args) -> amf.toScript(c, host.stats()));
    define(
        scope,
        application,
        "registerClass",
        2,
        (c, s, thisObj, args) -> {
          classes.register(string(args, 0), arg(args, 1) instanceof Function f ? f : null);
          return null;
        });
    define(
        scope,
        application,
        "clearSharedObjects",
        1,
        (c, s, thisObj, args) -> host.sharedObjects().clear(string(args, 0)));
    define(
        scope,
        application,
        "clearStreams",
        1,
        (c, s, thisObj, args) -> host.streams().clear(string(args, 0)));
    ScriptableObject.defineProperty(scope, "application", application, readOnly);
    return application;
  }

  private static Object errorObject(AmfConverter amf, Object[] args, int index) {
    return given(args, index) ? amf.toAmf(args[index]) : null;
  }
}
