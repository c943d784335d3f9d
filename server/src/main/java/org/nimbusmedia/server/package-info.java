/**
 * The running server: configuration, lifecycle, front ends, application instances and the stream
 * bus.
 */
package org.nimbusmedia.server;
