/**
 * What the server implements for the script engine: the application instance ({@link
 * org.nimbusmedia.scripting.host.ApplicationHost}), one connection ({@link
 * org.nimbusmedia.scripting.host.ClientHandle}), server-side streams and shared objects. The engine
 * calls these from the instance's script thread only; implementations must not block.
 *
 * <p>The members mirror the FMS 4 Server-Side ActionScript Language Reference (the {@code
 * application}, {@code Client}, {@code Stream} and {@code SharedObject} classes).
 */
package org.nimbusmedia.scripting.host;
