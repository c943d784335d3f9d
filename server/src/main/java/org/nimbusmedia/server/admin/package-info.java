/**
 * The admin port (default 127.0.0.1:1111): FMS's administration API over HTTP with its method names
 * and answer shape ({@code reference/fms4.md} section 5), Prometheus metrics at {@code /metrics}
 * and a health check at {@code /health}. Admin users log in with HTTP Basic or FMS's {@code
 * auser}/{@code apswd}; passwords are stored as bcrypt hashes and failed logins are limited per
 * address.
 */
package org.nimbusmedia.server.admin;
