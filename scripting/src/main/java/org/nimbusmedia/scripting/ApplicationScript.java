package org.nimbusmedia.scripting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.nimbusmedia.scripting.amf.AmfConverter;
import org.nimbusmedia.scripting.amf.ClassRegistry;
import org.nimbusmedia.scripting.host.ApplicationHost;
import org.nimbusmedia.scripting.host.ClientHandle;
import org.nimbusmedia.scripting.runtime.ApplicationObject;
import org.nimbusmedia.scripting.runtime.ClientClass;
import org.nimbusmedia.scripting.runtime.ClientObject;
import org.nimbusmedia.scripting.runtime.ConnectionTable;
import org.nimbusmedia.scripting.runtime.ErrorReporter;
import org.nimbusmedia.scripting.runtime.FileClass;
import org.nimbusmedia.scripting.runtime.GlobalFunctions;
import org.nimbusmedia.scripting.runtime.HttpLoading;
import org.nimbusmedia.scripting.runtime.LoadVarsClass;
import org.nimbusmedia.scripting.runtime.MeetingClass;
import org.nimbusmedia.scripting.runtime.NetConnectionClass;
import org.nimbusmedia.scripting.runtime.NetStreamClass;
import org.nimbusmedia.scripting.runtime.RemoteMethods;
import org.nimbusmedia.scripting.runtime.SandboxContextFactory;
import org.nimbusmedia.scripting.runtime.ScriptFailure;
import org.nimbusmedia.scripting.runtime.ScriptSources;
import org.nimbusmedia.scripting.runtime.ScriptThread;
import org.nimbusmedia.scripting.runtime.SharedObjectClass;
import org.nimbusmedia.scripting.runtime.StreamClass;
import org.nimbusmedia.scripting.runtime.Timers;
import org.nimbusmedia.scripting.runtime.XmlClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The script of one application instance. Every method queues its work on the instance's script
 * thread and returns at once; results arrive through the returned stages, completed on the script
 * thread (continue with an {@code ...Async} method and your own executor to leave it).
 *
 * <p>Lifecycle: {@link ScriptEngine#start} loads the script and runs {@code onAppStart}; then
 * {@link #connect}, {@link #invoke}, {@link #disconnect}, {@link #publish} and {@link #unpublish}
 * in any number; {@link #unload} ends it. Connections are identified by their {@link ClientHandle},
 * compared with {@code equals}.
 */
public final class ApplicationScript {

  private final ScriptingConfig config;
  private final ApplicationHost host;
  private final Logger log;
  private final ScriptSources sources;
  private final ScriptThread thread;
  private final CompletableFuture<Void> started = new CompletableFuture<>();

  // Set by the start task, then used on the script thread only.
  private Scriptable scope;
  private Scriptable application;
  private volatile ConnectionTable connections;
  private ClientClass clientClass;
  private AmfConverter amf;
  private StreamClass streams;
  private final List<Runnable> closers = new ArrayList<>();
  private String loadFailure;

  private ApplicationScript(
      ScriptingConfig config, SandboxContextFactory contextFactory, ApplicationHost host) {
    this.config = config;
    this.host = host;
    String name = host.applicationName() + "/" + host.instanceName();
    this.log = LoggerFactory.getLogger("nimbus.app." + name);
    this.sources = new ScriptSources(host.applicationFolder(), config.scriptLibraryPath());
    this.thread = new ScriptThread(name, contextFactory, config.maxCallbackTime(), sources);
    thread.setCallbackListener(host::callbackFinished);
  }

  /** What the script thread has run and what waits now ({@code getScriptStats}). Any thread. */
  public ScriptStats stats() {
    return thread.stats();
  }

  static ApplicationScript start(
      ScriptingConfig config, SandboxContextFactory contextFactory, ApplicationHost host) {
    ApplicationScript script = new ApplicationScript(config, contextFactory, host);
    // Two tasks, so that top-level code and onAppStart each get the full callback time.
    CompletableFuture<Void> loaded =
        script.thread.submit(
            cx -> {
              try {
                script.load(cx);
              } catch (RuntimeException e) {
                if (script.loadFailure == null) {
                  script.loadFailure = "Application failed to load.";
                }
                throw e;
              }
              return null;
            });
    CompletableFuture<Void> appStarted =
        script.thread.submit(
            cx -> {
              if (script.loadFailure == null) {
                script.callHandlerReported(cx, "onAppStart");
              }
              return null;
            });
    loaded
        .thenCompose(ok -> appStarted)
        .whenComplete(
            (ok, failure) -> {
              if (failure == null) {
                script.started.complete(null);
              } else {
                script.started.completeExceptionally(failure);
              }
            });
    return script;
  }

  /** {@code application.name}: {@code "app/instance"}. */
  public String name() {
    return host.applicationName() + "/" + host.instanceName();
  }

  /**
   * Completes when the main script and {@code onAppStart} have run. It fails only if the main
   * script could not be read or compiled; an error while running is reported and the instance keeps
   * going, as FMS does.
   */
  public CompletionStage<Void> started() {
    return started;
  }

  /**
   * A client connects with the extra arguments of its {@code nc.connect()}: runs {@code
   * application.onConnect(client, args...)}. The decision may come much later ({@code
   * acceptConnection} from a timer or a callback). No handler accepts; a handler that fails
   * rejects.
   */
  public CompletionStage<ConnectDecision> connect(ClientHandle client, List<Object> args) {
    CompletableFuture<ConnectDecision> decision = new CompletableFuture<>();
    thread
        .submit(
            cx -> {
              onConnect(cx, client, args, decision);
              return null;
            })
        .whenComplete((ok, failure) -> failIfUndecided(decision, failure));
    return decision;
  }

  /**
   * A remote call from an accepted client ({@code nc.call(method, responder, args...)}). The stage
   * completes with the method's return value as an AMF value, or fails with {@link
   * CallFailedException}.
   */
  public CompletionStage<Object> invoke(ClientHandle client, String method, List<Object> args) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    thread
        .submit(
            cx -> {
              ClientObject object = connections.find(client);
              if (object == null) {
                throw new RemoteMethods.CallRefused("Client is not connected.");
              }
              return amf.toAmf(RemoteMethods.call(cx, scope, object, method, amf, args, thread));
            })
        .whenComplete(
            (value, failure) -> {
              if (failure == null) {
                result.complete(value);
              } else {
                result.completeExceptionally(callFailure(failure));
              }
            });
    return result;
  }

  /**
   * The connection closed: runs {@code application.onDisconnect(client)} for an accepted client and
   * drops a pending one.
   */
  public CompletionStage<Void> disconnect(ClientHandle client) {
    return thread.submit(
        cx -> {
          ClientObject object = connections.remove(client);
          if (object != null) {
            callHandler(cx, "onDisconnect", object);
          }
          return null;
        });
  }

  /** A client started publishing {@code streamName}: runs {@code application.onPublish}. */
  public CompletionStage<Void> publish(ClientHandle client, String streamName, String query) {
    return streamEvent("onPublish", client, streamName, query);
  }

  /** A client stopped publishing {@code streamName}: runs {@code application.onUnpublish}. */
  public CompletionStage<Void> unpublish(ClientHandle client, String streamName) {
    return streamEvent("onUnpublish", client, streamName, "");
  }

  /**
   * Unloads the instance: runs {@code application.onAppStop(info)} with the reason's code. For
   * {@link UnloadReason#GC} a handler returning {@code false} refuses and the stage completes with
   * false. Otherwise every accepted client is disconnected ({@code onDisconnect} runs for each),
   * pending connects are rejected, timers stop, and the stage completes with true.
   */
  public CompletionStage<Boolean> unload(UnloadReason reason) {
    return thread.submit(
        cx -> {
          Object verdict = null;
          if (application != null) {
            Scriptable info = cx.newObject(scope);
            ScriptableObject.putProperty(info, "code", reason.code());
            ScriptableObject.putProperty(info, "level", "status");
            verdict = callHandlerReported(cx, "onAppStop", info);
          }
          if (reason == UnloadReason.GC && Boolean.FALSE.equals(verdict)) {
            return false;
          }
          try {
            release(cx);
          } finally {
            thread.stop();
          }
          log.info("unloaded ({})", reason.code());
          return true;
        });
  }

  /** Ends what the instance holds; parts that a failed load never made are skipped. */
  private void release(Context cx) {
    if (connections != null) {
      connections.decideAllPending(
          new ConnectDecision.Reject(null, "Application is shutting down."));
      for (ClientObject client : connections.acceptedClients()) {
        connections.remove(client.handle());
        client.handle().disconnectForShutdown();
        if (application != null) {
          callHandlerReported(cx, "onDisconnect", client);
        }
      }
    }
    for (Runnable closer : closers) {
      closer.run();
    }
  }

  /**
   * The client's {@code readAccess} as the script last set it ({@code "/"} until it does); {@code
   * ""} (no access) for a connection that is not accepted. Any thread.
   */
  public String readAccess(ClientHandle client) {
    ClientObject object = connections == null ? null : connections.find(client);
    return object == null ? "" : object.readAccess();
  }

  /**
   * The client's {@code writeAccess} as the script last set it ({@code "/"} until it does); {@code
   * ""} (no access) for a connection that is not accepted. Any thread.
   */
  public String writeAccess(ClientHandle client) {
    ClientObject object = connections == null ? null : connections.find(client);
    return object == null ? "" : object.writeAccess();
  }

  private void load(Context cx) {
    scope = config.allowJavaAccess() ? cx.initStandardObjects() : cx.initSafeStandardObjects();
    ErrorReporter reporter = new ErrorReporter(log, scope);
    thread.setErrorListener(reporter);
    ClassRegistry classes = new ClassRegistry();
    amf = new AmfConverter(scope, classes);
    connections = new ConnectionTable(cx, scope);
    application =
        ApplicationObject.create(cx, scope, host, config.serverInfo(), connections, amf, classes);
    reporter.setApplication(application);
    clientClass = new ClientClass(cx, scope, thread, amf);
    Timers timers = new Timers(scope, thread);
    closers.add(timers::cancelAll);
    streams = new StreamClass(cx, scope, host.streams(), thread, amf);
    closers.add(streams::close);
    SharedObjectClass sharedObjects =
        new SharedObjectClass(cx, scope, host.sharedObjects(), thread, amf);
    closers.add(sharedObjects::close);
    if (host.meetings() != null) {
      new MeetingClass(cx, scope, application, host.meetings(), amf);
    }
    FileClass files = new FileClass(cx, scope, host.applicationFolder());
    closers.add(files::closeAll);
    NetStreamClass netStreams = new NetStreamClass(cx, scope, thread, amf);
    closers.add(netStreams::closeAll);
    NetConnectionClass netConnections =
        new NetConnectionClass(cx, scope, host.netConnections(), thread, amf);
    closers.add(netConnections::closeAll);
    LoadVarsClass.define(cx, scope);
    XmlClass.define(cx, scope);
    HttpLoading http = new HttpLoading(scope, host.http(), thread);
    http.install(cx, "LoadVars", "decode");
    http.install(cx, "XML", "parseXML");
    GlobalFunctions.define(scope, log, sources);

    Optional<Path> main = sources.findMain(host.applicationName());
    if (main.isEmpty()) {
      log.info("no main script; connections are accepted");
    } else {
      ScriptSources.Source source;
      Script compiled;
      try {
        source = sources.readMain(main.get());
        compiled = cx.compileString(source.text(), source.name(), 1, null);
      } catch (IOException e) {
        loadFailure = "Cannot read " + main.get().getFileName() + ": " + e.getMessage();
        log.error("{}", loadFailure);
        throw new IllegalStateException(loadFailure, e);
      } catch (EvaluatorException e) {
        loadFailure = "Script error in " + e.sourceName() + " line " + e.lineNumber() + ".";
        throw thread.reportFailure(cx, e);
      }
      try {
        thread.runNested(cx, c -> compiled.exec(c, scope));
      } catch (ScriptFailure reported) {
        log.warn("main script stopped early; the instance keeps running");
      }
    }
  }

  private void onConnect(
      Context cx,
      ClientHandle client,
      List<Object> args,
      CompletableFuture<ConnectDecision> decision) {
    if (loadFailure != null) {
      decision.complete(new ConnectDecision.Reject(null, loadFailure));
      return;
    }
    ClientObject object = clientClass.create(cx, client);
    connections.addPending(object, decision);
    Object handler = ScriptableObject.getProperty(application, "onConnect");
    if (!(handler instanceof Function)) {
      connections.accept(object);
      return;
    }
    List<Object> values = new ArrayList<>();
    values.add(object);
    args.forEach(a -> values.add(amf.toScript(cx, a)));
    Object verdict;
    try {
      verdict = callHandler(cx, "onConnect", values.toArray());
    } catch (ScriptFailure failure) {
      connections.decideAgainst(
          object, new ConnectDecision.Reject(null, "Application error in onConnect."));
      return;
    }
    // SSASLR application.onConnect: true accepts, false rejects, anything else leaves it pending.
    if (Boolean.TRUE.equals(verdict)) {
      connections.accept(object);
    } else if (Boolean.FALSE.equals(verdict)) {
      connections.decideAgainst(object, new ConnectDecision.Reject(null, "Connection rejected."));
    }
  }

  private CompletionStage<Void> streamEvent(
      String handler, ClientHandle client, String streamName, String query) {
    return thread.submit(
        cx -> {
          ClientObject object = connections.find(client);
          if (object != null) {
            callHandler(cx, handler, object, streams.published(cx, streamName, query));
          }
          return null;
        });
  }

  /**
   * Like {@link #callHandler} for events whose outcome does not matter to the caller: a script
   * error is reported and the result is {@code null}.
   */
  private Object callHandlerReported(Context cx, String name, Object... args) {
    try {
      return callHandler(cx, name, args);
    } catch (ScriptFailure reported) {
      return null;
    }
  }

  /** Calls {@code application[name](args)} if the script defined it; script thread only. */
  private Object callHandler(Context cx, String name, Object... args) {
    Object handler = ScriptableObject.getProperty(application, name);
    if (!(handler instanceof Function function)) {
      return null;
    }
    return thread.runNested(cx, c -> function.call(c, scope, application, args));
  }

  private static void failIfUndecided(
      CompletableFuture<ConnectDecision> decision, Throwable failure) {
    if (failure != null) {
      decision.complete(new ConnectDecision.Reject(null, "Application is not available."));
    }
  }

  private static CallFailedException callFailure(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof RemoteMethods.CallRefused refused) {
      return new CallFailedException(refused.getMessage());
    }
    if (cause instanceof ScriptFailure scriptFailure) {
      return new CallFailedException(scriptFailure.error().description());
    }
    return new CallFailedException("Application is not available.");
  }
}
