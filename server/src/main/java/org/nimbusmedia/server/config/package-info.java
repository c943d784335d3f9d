/**
 * The server's configuration: {@code conf/nimbus.yaml} read with Jackson into immutable, typed
 * records. Every record checks its own values in its constructor; {@link
 * org.nimbusmedia.server.config.ConfigLoader} turns any failure into a {@link
 * org.nimbusmedia.server.config.ConfigException} that names the file, the key path, the value and
 * what was expected. Nothing falls back silently to a default when a file is wrong.
 */
package org.nimbusmedia.server.config;
