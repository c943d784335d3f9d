/** JMH benchmarks and load tools, run by hand and reported in issue notes; CI never runs them. */
package org.nimbusmedia.bench;
