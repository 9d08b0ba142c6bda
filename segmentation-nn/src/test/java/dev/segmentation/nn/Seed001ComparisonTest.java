package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.embedding.Pca;
import dev.segmentation.embedding.PcaModel;
import dev.segmentation.evaluation.RepresentationComparison;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.Scaling;
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
 * columns, README of data/reference): the library's robust scaler (scikit-learn's RobustScaler to 1e-12) and
 * HDBSCAN with minClusterSize 50, as seed 001; the figures go to target/seed001-comparison.txt.
 */
class Seed001ComparisonTest {
    static final List<String> COLUMNS = List.of("avg_qty_month_01", "avg_qty_month_02", "avg_qty_month_03",
            "avg_qty_month_04", "avg_qty_month_05", "avg_qty_month_06", "avg_qty_month_07", "avg_qty_month_08",
            "avg_qty_month_09", "avg_qty_month_10", "avg_qty_month_11", "avg_qty_month_12", "avg_items_month_01",
            "avg_items_month_02", "avg_items_month_03", "avg_items_month_04", "avg_items_month_05",
            "avg_items_month_06", "avg_items_month_07", "avg_items_month_08", "avg_items_month_09",
            "avg_items_month_10", "avg_items_month_11", "avg_items_month_12", "cv_qty", "cv_items",
            "entropy_period", "growth_qty", "growth_items");

    static FeatureTable readFeatures(Path f) {
        List<String> lines = SharedData.lines(f);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int[] idx = new int[COLUMNS.size()];
        for (int c = 0; c < idx.length; c++) {
            idx[c] = header.indexOf(COLUMNS.get(c));
            assertTrue(idx[c] >= 0, COLUMNS.get(c));
        }
        int n = lines.size() - 1;
        double[] v = new double[n * idx.length];
        List<String> ids = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i + 1).split(",");
            ids.add(p[0]);
            for (int c = 0; c < idx.length; c++) {
                v[i * idx.length + c] = Double.parseDouble(p[idx[c]]);
            }
        }
        return FeatureTable.of(ids, COLUMNS, v);
    }

    @Test
    void trainedUntrainedAndPcaSideBySide() throws IOException {
        FeatureTable raw = readFeatures(SharedData.require("data/reference/online_retail_seed001_features.csv"));
        assertEquals(4338, raw.rows());
        DataMatrix x = Scaling.robust().fit(raw).transform(raw).matrix();
        FitContext ctx = FitContext.seeded(1);
        RepresentationComparison comparison = RepresentationComparison.builder()
                .clusterer(Hdbscan.builder().minClusterSize(50).build())
                .strengths(m -> ((HdbscanModel) m).strengths())
                .features("scaled features (29)")
                .embedding("pca (5)", Pca.components(5))
                .embedding("untrained autoencoder", Autoencoder.halfWidthPreset().epochs(0).build())
                .embedding("trained autoencoder", Autoencoder.halfWidthPreset().build())
                .build();
        RepresentationComparison.Result result = comparison.compare(x, ctx);
        assertEquals(4, result.rows().size());
        int[] dims = new int[4];
        for (int i = 0; i < 4; i++) {
            dims[i] = result.rows().get(i).dimension();
            // clusters plus noise cover every customer
            long total = Math.round(result.rows().get(i).noiseShare() * 4338);
            for (int s : result.rows().get(i).sizes()) {
                total += s;
            }
            assertEquals(4338, total);
        }
        assertArrayEquals(new int[] {29, 5, 5, 5}, dims);
        // hdbscan-py finds no cluster on the raw features (reference case online_retail_seed001_raw): neither do we
        assertEquals(0, result.rows().get(0).clusterCount());
        assertEquals(1.0, result.rows().get(0).noiseShare());

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
