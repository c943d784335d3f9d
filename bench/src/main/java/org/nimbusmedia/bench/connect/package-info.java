/**
 * Connects per second: how many RTMP connections (TCP, handshake, {@code connect}, the script's
 * {@code onConnect}, {@code _result}) a server accepts per second. Run by {@code
 * bench/run-connects.sh}.
 */
package org.nimbusmedia.bench.connect;
