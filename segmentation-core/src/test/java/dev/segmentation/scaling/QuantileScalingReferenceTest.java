package dev.segmentation.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.testing.MiniJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential test against scikit-learn 1.2.1's QuantileTransformer (numpy 1.24.2, scipy 1.10.1): the reference
 * file src/test/resources/reference/quantile_transformer_sklearn.json, written by
 * src/test/python/quantile_transformer_reference.py, holds the input rows, the fitted quantiles and the transformed
 * training and test rows of 10 cases (Online Retail RFM rows, heavy ties, fewer rows than quantiles, both outputs),
 * and scipy's normal quantile function at 121 probabilities.
 */
class QuantileScalingReferenceTest {
    @SuppressWarnings("unchecked")
    static Map<String, Object> reference() throws IOException {
        try (InputStream in = QuantileScalingReferenceTest.class.getResourceAsStream(
                "/reference/quantile_transformer_sklearn.json")) {
            return (Map<String, Object>) new MiniJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)).value();
        }
    }

    @SuppressWarnings("unchecked")
    static FeatureTable table(List<Object> rows) {
        int n = rows.size();
        int d = ((List<Object>) rows.get(0)).size();
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int c = 0; c < d; c++) {
            names.add("f" + c);
        }
        double[] v = new double[n * d];
        for (int r = 0; r < n; r++) {
            ids.add("e" + r);
            List<Object> row = (List<Object>) rows.get(r);
            for (int c = 0; c < d; c++) {
                v[r * d + c] = ((Number) row.get(c)).doubleValue();
            }
        }
        return FeatureTable.of(ids, names, v);
    }

    static void assertClose(double expected, double actual, double tol, String what) {
        double err = Math.abs(expected - actual);
        assertTrue(err <= tol * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + " but was " + actual + " (difference " + err + ")");
    }

    @Test
    @SuppressWarnings("unchecked")
    void normalQuantileFunctionMatchesScipy() throws IOException {
        Map<String, Object> ppf = (Map<String, Object>) reference().get("ppf");
        List<Object> p = (List<Object>) ppf.get("p");
        List<Object> x = (List<Object>) ppf.get("x");
        double worst = 0;
        for (int i = 0; i < p.size(); i++) {
            double e = ((Number) x.get(i)).doubleValue();
            double a = NormalQuantile.ppf(((Number) p.get(i)).doubleValue());
            worst = Math.max(worst, Math.abs(e - a) / Math.max(Math.abs(e), 1e-300));
            assertClose(e, a, 1e-14, "ppf(" + p.get(i) + ")");
        }
        assertTrue(worst < 1e-14, "largest relative difference " + worst);
    }

    @Test
    @SuppressWarnings("unchecked")
    void quantilesAndTransformsMatchScikitLearn() throws IOException {
        List<Object> cases = (List<Object>) reference().get("cases");
        assertEquals(10, cases.size());
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            String name = (String) c.get("name");
            QuantileScaling recipe = ("normal".equals(c.get("distribution")) ? QuantileScaling.normal()
                    : QuantileScaling.uniform()).quantiles(((Number) c.get("nQuantiles")).intValue());
            FeatureTable train = table((List<Object>) c.get("train"));
            QuantileScaler s = (QuantileScaler) recipe.fit(train);
            List<Object> q = (List<Object>) c.get("quantiles");
            for (int j = 0; j < q.size(); j++) {
                List<Object> qj = (List<Object>) q.get(j);
                double[] ours = s.quantiles(j);
                assertEquals(qj.size(), ours.length, name + " feature " + j + " quantile count");
                for (int k = 0; k < ours.length; k++) {
                    // numpy's percentile and ours are the same expression: bit-identical
                    assertEquals(((Number) qj.get(k)).doubleValue(), ours[k], 0.0,
                            name + " feature " + j + " quantile " + k);
                }
            }
            compare(name + " train", (List<Object>) c.get("trainTransformed"), s.transform(train));
            compare(name + " test", (List<Object>) c.get("testTransformed"),
                    s.transform(table((List<Object>) c.get("test"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static void compare(String what, List<Object> expected, FeatureTable actual) {
        assertEquals(expected.size(), actual.rows(), what + " rows");
        for (int r = 0; r < expected.size(); r++) {
            List<Object> row = (List<Object>) expected.get(r);
            for (int j = 0; j < row.size(); j++) {
                assertClose(((Number) row.get(j)).doubleValue(), actual.get(r, j), 1e-12,
                        what + " row " + r + " feature " + j);
            }
        }
    }
}
