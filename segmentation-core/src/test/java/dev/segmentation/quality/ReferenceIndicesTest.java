package dev.segmentation.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Differential tests against scikit-learn 1.2.1 and hdbscan-py 0.8.43 (see data/reference/README.md). */
class ReferenceIndicesTest {

    static double jsonNumber(Path f, String key) {
        String text = String.join("\n", SharedData.lines(f));
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*([-+0-9.eE]+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no key " + key + " in " + f);
        }
        return Double.parseDouble(m.group(1));
    }

    static DataMatrix mk1() {
        return DataMatrix.ofRows(SharedData.readMatrix(
                SharedData.require("data/clustering_benchmarks_gagolews_v1/wut/mk1.data.gz")));
    }

    static int[] mk1Labels() {
        return SharedData.readLabels(SharedData.require("data/clustering_benchmarks_gagolews_v1/wut/mk1.labels0.gz"));
    }

    @Test
    void silhouetteMatchesScikitLearnOnMk1() {
        Path ref = SharedData.require("data/reference/metrics_sklearn_wut_mk1.json");
        DataMatrix x = mk1();
        int[] y = mk1Labels();
        assertEquals(jsonNumber(ref, "silhouette"), Silhouette.score(x, y, 2), 1e-9);
    }

    @Test
    void calinskiHarabaszMatchesScikitLearnOnMk1() {
        Path ref = SharedData.require("data/reference/metrics_sklearn_wut_mk1.json");
        double expected = jsonNumber(ref, "calinski_harabasz");
        assertEquals(expected, InternalIndices.calinskiHarabasz(mk1(), mk1Labels()), 1e-9 * expected);
    }

    @Test
    void daviesBouldinMatchesScikitLearnOnMk1() {
        Path ref = SharedData.require("data/reference/metrics_sklearn_wut_mk1.json");
        assertEquals(jsonNumber(ref, "davies_bouldin"), InternalIndices.daviesBouldin(mk1(), mk1Labels()), 1e-9);
    }

    static int[] fitLabels(String csv) {
        List<String> lines = SharedData.lines(SharedData.require("data/reference/" + csv));
        int[] out = new int[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            if (Integer.parseInt(p[0]) != i - 1) {
                throw new AssertionError("row " + p[0] + " out of order in " + csv);
            }
            out[i - 1] = Integer.parseInt(p[1]);
        }
        return out;
    }

    static DataMatrix csvMatrix(Path f) {
        List<String> lines = SharedData.lines(f);
        double[][] rows = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            rows[i - 1] = new double[p.length];
            for (int t = 0; t < p.length; t++) {
                rows[i - 1][t] = Double.parseDouble(p[t]);
            }
        }
        return DataMatrix.ofRows(rows);
    }

    @Test
    void dbcvMatchesHdbscanPyOnClusterable() {
        Path ref = SharedData.require("data/reference/dbcv_hdbscan_py.json");
        DataMatrix x = csvMatrix(SharedData.require("data/hdbscan_clusterable_data/clusterable_data.csv"));
        int[] y = fitLabels("hdbscan_clusterable_mcs15_fit.csv");
        assertEquals(jsonNumber(ref, "clusterable_mcs15"), Dbcv.evaluate(x, y, 2).score(), 1e-9);
    }

    @Test
    void dbcvMatchesHdbscanPyOnS1() {
        Path ref = SharedData.require("data/reference/dbcv_hdbscan_py.json");
        DataMatrix x = DataMatrix.ofRows(SharedData.readMatrix(
                SharedData.require("data/clustering_benchmarks_gagolews_v1/sipu/s1.data.gz")));
        int[] y = fitLabels("hdbscan_s1_fit.csv");
        assertEquals(jsonNumber(ref, "s1"), Dbcv.evaluate(x, y, 2).score(), 1e-9);
    }
}
