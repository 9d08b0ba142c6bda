package dev.segmentation.io;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures model file sizes for the report (not a test): 100,000 entities, 5-D blobs, HDBSCAN minClusterSize 50
 * and K-Means k = 5. Usage: {@code java -cp <test class path> dev.segmentation.io.ModelFileSizes <dir>}.
 */
public final class ModelFileSizes {
    private ModelFileSizes() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = 100_000;
        DataMatrix x = SyntheticRetail.blobs(n, 5, 6, 1);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "e" + i;
        }
        FeatureTable t = FeatureTable.wrap(ids, new String[] {"a", "b", "c", "d", "e"}, x.toArray());
        for (boolean hdbscan : new boolean[] {false, true}) {
            long t0 = System.nanoTime();
            SegmentationModel m = Segmenter.builder().scaling(Scaling.robust())
                    .clusterer(hdbscan ? Hdbscan.builder().minClusterSize(50).build()
                            : KMeans.builder().k(5).nInit(3).build()).seed(1).build().fit(t);
            long t1 = System.nanoTime();
            Path f = dir.resolve(hdbscan ? "hdbscan-100k.model.json" : "kmeans-100k.model.json");
            SegmentationModels.write(m, f);
            long t2 = System.nanoTime();
            SegmentationModel back = SegmentationModels.read(f);
            long t3 = System.nanoTime();
            boolean same = java.util.Arrays.equals(m.predict(t).labels(), back.predict(t).labels());
            System.out.printf("%s: %d segments, file %,d bytes, fit %d ms, write %d ms, read %d ms, same labels %s%n",
                    hdbscan ? "HDBSCAN" : "K-Means", m.segmentCount(), Files.size(f), (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, same);
        }
    }
}
