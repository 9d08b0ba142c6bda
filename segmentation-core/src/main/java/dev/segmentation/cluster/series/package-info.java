/**
 * Clustering of time series by their shape: z-normalisation of series ({@link SeriesNormalization}), k-Shape
 * ({@link KShape}, Paparrizos and Gravano 2015) and DTW K-Means with DBA averaging ({@link DtwKMeans}, Petitjean et
 * al. 2011). Rows of a {@link dev.segmentation.data.DataMatrix} are series of equal length (one column per period);
 * fitted models are {@link dev.segmentation.cluster.ClusterModel}s that persist through
 * {@link dev.segmentation.state.Steps}. Kernels (FFT, cross-correlation, DTW) are package-private. May import
 * {@code data}, {@code fit}, {@code state}, {@code pipeline}, {@code internal}, {@code features} and {@code cluster}.
 */
package dev.segmentation.cluster.series;
