/**
 * Server-Side ActionScript host: runs an application's {@code main.asc} in Rhino with the FMS 4 API
 * (FMS 4 Server-Side ActionScript Language Reference). Talks to the server only through the
 * interfaces of {@link org.nimbusmedia.scripting.host}.
 *
 * <p>The server creates one {@link org.nimbusmedia.scripting.ScriptEngine} and starts one {@link
 * org.nimbusmedia.scripting.ApplicationScript} per application instance. Every call on an
 * application script is asynchronous: it queues work on the instance's script thread and returns a
 * {@link java.util.concurrent.CompletionStage}, completed on that thread, so I/O threads never wait
 * for a script. How a server uses it:
 *
 * <pre>{@code
 * ScriptEngine engine = new ScriptEngine(ScriptingConfig.defaults());
 * ApplicationScript script = engine.start(instanceHost);       // main.asc, then onAppStart
 * script.connect(clientHandle, connectArgs)                     // onConnect
 *     .whenCompleteAsync((decision, failure) -> {
 *       if (decision instanceof ConnectDecision.Accept) {
 *         sendConnectSuccess();
 *       } else if (decision instanceof ConnectDecision.Reject r) {
 *         sendRejected(r.application(), r.description());      // info.application
 *       } else if (decision instanceof ConnectDecision.Redirect r) {
 *         sendRedirect(r.url(), r.application());
 *       }
 *     }, channel.eventLoop());
 * script.invoke(clientHandle, "getRemoteId", args)              // nc.call from the client
 *     .whenCompleteAsync((result, failure) -> reply(result, failure), channel.eventLoop());
 * script.disconnect(clientHandle);                              // onDisconnect
 * script.unload(UnloadReason.GC);                               // onAppStop; false = refused
 * }</pre>
 *
 * <p>A connect that the script leaves undecided completes when the script calls {@code
 * acceptConnection} or {@code rejectConnection}, or is cancelled when the server reports the
 * connection closed first. A failed {@code invoke} completes with {@link
 * org.nimbusmedia.scripting.CallFailedException}, whose description goes into the {@code
 * NetConnection.Call.Failed} answer.
 */
package org.nimbusmedia.scripting;
