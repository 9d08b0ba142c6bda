/**
 * The XGBoost glue of segmentation-supervised: training rounds, early stopping, model bytes and loaded boosters. Not
 * API: only {@code dev.segmentation.supervised} may import it, and nothing here leaks into a public signature there.
 */
package dev.segmentation.supervised.internal;
