/**
 * Server-Side ActionScript host: runs an application's {@code main.asc} in Rhino with the FMS 4
 * API. Talks to the server only through interfaces of its own.
 */
package org.nimbusmedia.scripting;
