/** JMH benchmarks of the hot loops and peer comparisons. */
package dev.segmentation.benchmarks;
