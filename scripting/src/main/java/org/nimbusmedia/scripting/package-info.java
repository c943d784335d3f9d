/**
 * Server-Side ActionScript host: runs an application's {@code main.asc} in Rhino with the FMS 4 API
 * (FMS 4 Server-Side ActionScript Language Reference). Talks to the server only through the
 * interfaces of {@link org.nimbusmedia.scripting.host}.
 *
 * <p>The server creates one {@link org.nimbusmedia.scripting.ScriptEngine} and starts one {@link
 * org.nimbusmedia.scripting.ApplicationScript} per application instance. Every call on an
 * application script is asynchronous: it queues work on the instance's script thread and returns a
 * {@link java.util.concurrent.CompletionStage}, so I/O threads never wait for a script.
 */
package org.nimbusmedia.scripting;
