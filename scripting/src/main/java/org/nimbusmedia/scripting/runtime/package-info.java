/**
 * Internals of the script engine: the sandboxed Rhino context factory, the per-instance script
 * thread, script lookup and {@code load}, error reports, and the host objects ({@code application},
 * {@code Client}, {@code Stream}, {@code SharedObject}, timers). The server uses {@link
 * org.nimbusmedia.scripting} instead.
 */
package org.nimbusmedia.scripting.runtime;
