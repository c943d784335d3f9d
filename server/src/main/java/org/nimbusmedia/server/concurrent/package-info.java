/** Small concurrency building blocks shared by the server's parts. */
package org.nimbusmedia.server.concurrent;
