/** Runnable example programs, one per use case. */
package dev.segmentation.examples;
