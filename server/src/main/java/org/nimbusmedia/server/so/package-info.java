/**
 * Remote shared objects of an application instance (fms4.md sections 1.5 and 2): versioned slots,
 * subscribers, incremental resync, server locks, limits, persistence to {@code
 * storage.sharedObjects} and the script host behind {@code SharedObject.get}. Protocol-neutral: a
 * subscriber is anything that can take a {@link org.nimbusmedia.rtmp.so.SharedObjectMessage}.
 */
package org.nimbusmedia.server.so;
