/**
 * Neural embeddings: the {@link dev.segmentation.nn.Autoencoder} that learns a compact behavioural representation
 * before clustering, as a {@link dev.segmentation.embedding.Embedding} step. The network is computed in plain Java
 * on flat {@code double[]} arrays (no native library), so results are bit-identical for a seed on any thread count.
 */
package dev.segmentation.nn;
