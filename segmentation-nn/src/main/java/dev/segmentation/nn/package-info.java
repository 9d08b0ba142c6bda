/**
 * Neural embeddings: the {@link dev.segmentation.nn.Autoencoder} that learns a compact behavioural representation
 * before clustering, as a {@link dev.segmentation.embedding.Embedding} step. The network is computed with ND4J
 * (CPU backend, linux-x86_64, OpenBLAS) in double precision; no ND4J type appears in a public signature and the
 * fitted state is plain data, so segmentation-io persists it without depending on ND4J.
 *
 * <p>Results are bit-identical for the same seed at a fixed {@code OMP_NUM_THREADS}, not across thread counts.
 * Native libraries unpack on first use to javacpp's cache folder ({@code ~/.javacpp/cache} by default, about
 * 400 MB); set the system property {@code org.bytedeco.javacpp.cachedir} before the first fit to choose another.
 * Nothing is printed: ND4J and javacpp log through SLF4J.
 */
package dev.segmentation.nn;
