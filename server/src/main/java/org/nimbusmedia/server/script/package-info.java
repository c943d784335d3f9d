/**
 * The server's side of the scripting module's host interfaces: what {@code main.asc} reaches
 * through {@code application}, {@code Stream}, {@code SharedObject} and {@code NetConnection}.
 */
package org.nimbusmedia.server.script;
