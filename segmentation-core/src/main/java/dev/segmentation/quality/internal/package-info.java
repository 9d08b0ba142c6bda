/** Argument checks shared by the quality indices, stability and evaluation. Not API: not exported. */
package dev.segmentation.quality.internal;
