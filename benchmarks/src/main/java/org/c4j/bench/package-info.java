/** JMH benchmarks; see BENCHMARKS.md for how to run them and the recorded figures. */
package org.c4j.bench;
