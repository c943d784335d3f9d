/**
 * Applications and their instances, as FMS has them: an application is a folder under the
 * applications directory, {@code rtmp://host/app/instance} names an instance of it ({@code
 * _definst_} when the URL has none), an instance loads on its first connection and unloads once it
 * has been idle for {@code applications.instanceIdleTimeout}.
 */
package org.nimbusmedia.server.app;
