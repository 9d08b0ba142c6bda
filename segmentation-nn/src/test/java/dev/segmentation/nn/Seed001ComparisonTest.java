package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.embedding.Pca;
import dev.segmentation.embedding.PcaModel;
import dev.segmentation.embedding.RepresentationComparison;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's raw-versus-latent comparison on the Online Retail stand-in (4,338 customers x the 29 seed-001
 * columns, README of data/reference). The library's robust scaler and HDBSCAN are not in this module's reach, so
 * this test uses test-local stand-ins (a median/IQR scaler with linear-interpolation quantiles, as scikit-learn's
 * RobustScaler, and a small Lloyd k-means); the figures go to target/seed001-comparison.txt.
 */
class Seed001ComparisonTest {
    static final List<String> COLUMNS = List.of("avg_qty_month_01", "avg_qty_month_02", "avg_qty_month_03",
            "avg_qty_month_04", "avg_qty_month_05", "avg_qty_month_06", "avg_qty_month_07", "avg_qty_month_08",
            "avg_qty_month_09", "avg_qty_month_10", "avg_qty_month_11", "avg_qty_month_12", "avg_items_month_01",
            "avg_items_month_02", "avg_items_month_03", "avg_items_month_04", "avg_items_month_05",
            "avg_items_month_06", "avg_items_month_07", "avg_items_month_08", "avg_items_month_09",
            "avg_items_month_10", "avg_items_month_11", "avg_items_month_12", "cv_qty", "cv_items",
            "entropy_period", "growth_qty", "growth_items");

    static DataMatrix readFeatures(Path f) {
        List<String> lines = SharedData.lines(f);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int[] idx = new int[COLUMNS.size()];
        for (int c = 0; c < idx.length; c++) {
            idx[c] = header.indexOf(COLUMNS.get(c));
            assertTrue(idx[c] >= 0, COLUMNS.get(c));
        }
        int n = lines.size() - 1;
        double[] v = new double[n * idx.length];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i + 1).split(",");
            for (int c = 0; c < idx.length; c++) {
                v[i * idx.length + c] = Double.parseDouble(p[idx[c]]);
            }
        }
        return DataMatrix.of(n, idx.length, v);
    }

    /** Test-local robust scaling: (x - median) / IQR, linear-interpolation quantiles, IQR 0 -> 1. */
    static DataMatrix robustScale(DataMatrix x) {
        int n = x.rows();
        int d = x.cols();
        double[] v = x.toArray();
        double[] col = new double[n];
        for (int c = 0; c < d; c++) {
            for (int i = 0; i < n; i++) {
                col[i] = v[i * d + c];
            }
            Arrays.sort(col);
            double med = quantile(col, 0.5);
            double iqr = quantile(col, 0.75) - quantile(col, 0.25);
            double s = iqr == 0 ? 1 : iqr;
            for (int i = 0; i < n; i++) {
                v[i * d + c] = (v[i * d + c] - med) / s;
            }
        }
        return DataMatrix.of(n, d, v);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Test-local Lloyd k-means, initial centres at evenly spaced rows; no noise. */
    static final class TinyKMeans implements Clusterer {
        final int k;

        TinyKMeans(int k) {
            this.k = k;
        }

        @Override
        public ClusterModel fit(DataMatrix x, FitContext context) {
            int n = x.rows();
            int d = x.cols();
            double[] v = x.toArray();
            double[] centres = new double[k * d];
            for (int j = 0; j < k; j++) {
                System.arraycopy(v, (int) ((long) j * n / k) * d, centres, j * d, d);
            }
            int[] labels = new int[n];
            for (int it = 0; it < 50; it++) {
                for (int i = 0; i < n; i++) {
                    double best = Double.POSITIVE_INFINITY;
                    for (int j = 0; j < k; j++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            double t = v[i * d + c] - centres[j * d + c];
                            s += t * t;
                        }
                        if (s < best) {
                            best = s;
                            labels[i] = j;
                        }
                    }
                }
                double[] sum = new double[k * d];
                int[] cnt = new int[k];
                for (int i = 0; i < n; i++) {
                    cnt[labels[i]]++;
                    for (int c = 0; c < d; c++) {
                        sum[labels[i] * d + c] += v[i * d + c];
                    }
                }
                for (int j = 0; j < k; j++) {
                    for (int c = 0; c < d && cnt[j] > 0; c++) {
                        centres[j * d + c] = sum[j * d + c] / cnt[j];
                    }
                }
            }
            return new ClusterModel() {
                @Override
                public int[] labels() {
                    return labels.clone();
                }

                @Override
                public int clusterCount() {
                    return k;
                }

                @Override
                public int dimension() {
                    return d;
                }

                @Override
                public int predict(double[] row) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int[] predict(DataMatrix m) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public String name() {
            return "tiny-kmeans";
        }
    }

    @Test
    void trainedUntrainedAndPcaSideBySide() throws IOException {
        DataMatrix raw = readFeatures(SharedData.require("data/reference/online_retail_seed001_features.csv"));
        assertEquals(4338, raw.rows());
        DataMatrix x = robustScale(raw);
        FitContext ctx = FitContext.seeded(1);
        RepresentationComparison comparison = RepresentationComparison.builder().clusterer(new TinyKMeans(4))
                .features("scaled features (29)")
                .embedding("pca (5)", Pca.components(5))
                .embedding("untrained autoencoder", Autoencoder.seed001().epochs(0).build())
                .embedding("trained autoencoder", Autoencoder.seed001().build())
                .build();
        RepresentationComparison.Result result = comparison.compare(x, ctx);
        assertEquals(4, result.rows().size());
        int[] dims = new int[4];
        for (int i = 0; i < 4; i++) {
            dims[i] = result.rows().get(i).dimension();
            int total = 0;
            for (int s : result.rows().get(i).sizes()) {
                total += s;
            }
            assertEquals(4338, total);
        }
        assertArrayEquals(new int[] {29, 5, 5, 5}, dims);

        PcaModel pca = (PcaModel) result.rows().get(1).embedding().orElseThrow();
        FittedAutoencoder untrained = (FittedAutoencoder) result.rows().get(2).embedding().orElseThrow();
        FittedAutoencoder trained = (FittedAutoencoder) result.rows().get(3).embedding().orElseThrow();
        double pcaError = pca.reconstructionError(x);
        double untrainedError = untrained.reconstructionError(x);
        double trainedError = trained.reconstructionError(x);
        assertTrue(trainedError < untrainedError, trainedError + " vs untrained " + untrainedError);
        double[] loss = trained.trainingLoss();
        assertTrue(loss[loss.length - 1] < loss[0], Arrays.toString(loss));
        // the untrained network is the trained one's starting point: same seed, same architecture
        assertEquals(untrained.architecture(), trained.architecture());

        StringBuilder sb = new StringBuilder(result.table());
        sb.append(String.format(Locale.ROOT, "%nreconstruction MSE on the scaled features: pca(5) %.4f,"
                + " untrained autoencoder %.4f, trained autoencoder %.4f%n", pcaError, untrainedError, trainedError));
        sb.append(String.format(Locale.ROOT, "pca explained variance ratio: %s%n",
                Arrays.toString(pca.explainedVarianceRatio())));
        sb.append(String.format(Locale.ROOT, "trained: epochs run %d, best epoch %d, stopped early %b%n",
                trained.epochsRun(), trained.bestEpoch().orElse(-1), trained.stoppedEarly()));
        sb.append("epoch,train_loss,val_loss\n");
        double[] val = trained.validationLoss();
        for (int e = 0; e < loss.length; e++) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f%n", e + 1, loss[e], val[e]));
        }
        Path out = Paths.get("target", "seed001-comparison.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
    }
}
