package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helpers for HDBSCAN: reference cases, their inputs (seed 001's robust-scaled with the library scaler). */
final class HdbscanTestData {
    private HdbscanTestData() {
    }

    /** One case of hdbscan_cases.json. */
    static final class Case {
        String name;
        String source;
        Map<String, String> params = new LinkedHashMap<>();
        boolean orderStable;
        int clusters;
        int noise;
        boolean hasPredict;

        @Override
        public String toString() {
            return name;
        }
    }

    /** The cases of data/reference/hdbscan_cases.json (a minimal reader for that file's flat layout). */
    static List<Case> cases() {
        Path f = SharedData.require("data/reference/hdbscan_cases.json");
        String json = String.join("\n", SharedData.lines(f));
        int casesAt = json.indexOf("\"cases\"");
        String body = json.substring(casesAt);
        List<Case> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\{\\s*\"name\":\\s*\"([^\"]+)\"(.*?)\\n  \\}", Pattern.DOTALL).matcher(body);
        while (m.find()) {
            Case c = new Case();
            c.name = m.group(1);
            String rest = m.group(2);
            c.source = str(rest, "source");
            Matcher p = Pattern.compile("\"params\":\\s*\\{(.*?)\\}", Pattern.DOTALL).matcher(rest);
            if (p.find()) {
                Matcher kv = Pattern.compile("\"(\\w+)\":\\s*(\"[^\"]*\"|[^,\\s}]+)").matcher(p.group(1));
                while (kv.find()) {
                    c.params.put(kv.group(1), kv.group(2).replace("\"", ""));
                }
            }
            c.orderStable = rest.contains("\"hdbscan_py_order_stable\": true");
            c.clusters = Integer.parseInt(num(rest, "clusters"));
            c.noise = Integer.parseInt(num(rest, "noise"));
            c.hasPredict = rest.contains("\"predict_points\"");
            out.add(c);
        }
        return out;
    }

    private static String str(String s, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*\"([^\"]*)\"").matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static String num(String s, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*([-0-9.eE]+)").matcher(s);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + s);
        }
        return m.group(1);
    }

    /** The builder for a case's params. */
    static Hdbscan.Builder builder(Case c) {
        Hdbscan.Builder b = Hdbscan.builder();
        for (Map.Entry<String, String> e : c.params.entrySet()) {
            switch (e.getKey()) {
                case "min_cluster_size":
                    b.minClusterSize(Integer.parseInt(e.getValue()));
                    break;
                case "min_samples":
                    b.minSamples(Integer.parseInt(e.getValue()));
                    break;
                case "cluster_selection_method":
                    b.clusterSelectionMethod(Hdbscan.ClusterSelectionMethod.valueOf(e.getValue().toUpperCase()));
                    break;
                case "cluster_selection_epsilon":
                    b.clusterSelectionEpsilon(Double.parseDouble(e.getValue()));
                    break;
                case "allow_single_cluster":
                    b.allowSingleCluster(Boolean.parseBoolean(e.getValue()));
                    break;
                default:
                    throw new IllegalArgumentException("unknown param " + e.getKey());
            }
        }
        return b;
    }

    /** The input matrix of a case. */
    static DataMatrix input(Case c) {
        if (c.name.equals("online_retail_seed001_raw")) {
            FeatureTable t = seed001Table();
            return Scaling.robust().fit(t).transform(t).matrix(); // scikit-learn's RobustScaler()
        }
        Path f = SharedData.require("data/" + c.source);
        String name = f.getFileName().toString();
        if (name.endsWith(".data.gz")) {
            return DataMatrix.ofRows(SharedData.readMatrix(f));
        }
        List<String> lines = SharedData.lines(f);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || Character.isLetter(line.trim().charAt(0))) {
                continue; // header
            }
            String[] parts = line.split(",");
            double[] v = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Double.parseDouble(parts[i]);
            }
            rows.add(v);
        }
        return DataMatrix.ofRows(rows.toArray(new double[0][]));
    }

    /** The 29 seed-001 columns of online_retail_seed001_features.csv, unscaled, as a feature table. */
    static FeatureTable seed001Table() {
        double[][] x = seed001Features();
        int n = x.length;
        int d = x[0].length;
        List<String> ids = new ArrayList<>(n);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            ids.add("row" + i);
            System.arraycopy(x[i], 0, v, i * d, d);
        }
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            names.add("f" + j);
        }
        return FeatureTable.of(ids, names, v);
    }

    /** The 29 seed-001 columns of online_retail_seed001_features.csv, unscaled. */
    static double[][] seed001Features() {
        Path json = SharedData.require("data/reference/hdbscan_cases.json");
        String text = String.join("\n", SharedData.lines(json));
        Matcher m = Pattern.compile("\"seed001_columns\":\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no seed001_columns");
        }
        List<String> cols = new ArrayList<>();
        Matcher q = Pattern.compile("\"([^\"]+)\"").matcher(m.group(1));
        while (q.find()) {
            cols.add(q.group(1));
        }
        Path f = SharedData.require("data/reference/online_retail_seed001_features.csv");
        List<String> lines = SharedData.lines(f);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int[] at = new int[cols.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = header.indexOf(cols.get(i));
            if (at[i] < 0) {
                throw new IllegalStateException("missing column " + cols.get(i));
            }
        }
        double[][] out = new double[lines.size() - 1][];
        for (int r = 1; r < lines.size(); r++) {
            String[] parts = lines.get(r).split(",", -1);
            double[] v = new double[at.length];
            for (int i = 0; i < at.length; i++) {
                v[i] = Double.parseDouble(parts[at[i]]);
            }
            out[r - 1] = v;
        }
        return out;
    }

    /** The reference fit of a case: label, probability, outlier_score per row. */
    static final class Fit {
        int[] labels;
        double[] probability;
        double[] outlier;
    }

    static Fit fit(Case c) {
        Path f = SharedData.require("data/reference/hdbscan_" + c.name + "_fit.csv");
        List<String> lines = SharedData.lines(f);
        int n = lines.size() - 1;
        Fit out = new Fit();
        out.labels = new int[n];
        out.probability = new double[n];
        out.outlier = new double[n];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i + 1).split(",");
            if (Integer.parseInt(p[0]) != i) {
                throw new IllegalStateException("row " + i + " out of order in " + f);
            }
            out.labels[i] = Integer.parseInt(p[1]);
            out.probability[i] = Double.parseDouble(p[2]);
            out.outlier[i] = Double.parseDouble(p[3]);
        }
        return out;
    }

    /** The reference predictions of a case: new points and hdbscan-py's label and probability. */
    static final class Predict {
        DataMatrix points;
        int[] labels;
        double[] probability;
    }

    static boolean hasPredictFile(Case c) {
        return Files.exists(SharedData.root().resolve("data/reference/hdbscan_" + c.name + "_predict.csv"));
    }

    static Predict predict(Case c) {
        Path f = SharedData.require("data/reference/hdbscan_" + c.name + "_predict.csv");
        List<String> lines = SharedData.lines(f);
        int n = lines.size() - 1;
        double[][] pts = new double[n][2];
        Predict out = new Predict();
        out.labels = new int[n];
        out.probability = new double[n];
        for (int i = 0; i < n; i++) {
            String[] p = lines.get(i + 1).split(",");
            pts[i][0] = Double.parseDouble(p[1]);
            pts[i][1] = Double.parseDouble(p[2]);
            out.labels[i] = Integer.parseInt(p[3]);
            out.probability[i] = Double.parseDouble(p[4]);
        }
        out.points = DataMatrix.ofRows(pts);
        return out;
    }

    /**
     * Rows that leave their cluster at exactly the lambda at which that cluster splits into two or more clusters:
     * bridging rows that the nearest-member rule left in the split cluster (members of two children equally near).
     * Read from the condensed tree; {@link #bridging} also covers the bridging rows attached to a child.
     */
    static boolean[] tieBridging(HdbscanModel m) {
        HdbscanModel.CondensedTree ct = m.condensedTree();
        int n = ct.pointCount();
        long[] parent = ct.parent();
        long[] child = ct.child();
        double[] lambda = ct.lambda();
        Map<Long, Double> splitLambda = new java.util.HashMap<>();
        for (int r = 0; r < parent.length; r++) {
            if (child[r] >= n) {
                splitLambda.put(parent[r], lambda[r]);
            }
        }
        boolean[] out = new boolean[n];
        for (int r = 0; r < parent.length; r++) {
            if (child[r] < n) {
                Double split = splitLambda.get(parent[r]);
                out[(int) child[r]] = split != null && split == lambda[r];
            }
        }
        return out;
    }

    /**
     * The condensed tree of a model read back as arrays (clusters numbered from 0 = root): each cluster's parent,
     * birth lambda and largest lambda in its subtree (GLOSH's lambda_max), and for each row the cluster it leaves
     * and the lambda at which it leaves.
     */
    static final class TreeView {
        int n;
        int clusters;
        int[] clusterParent;
        double[] birth;
        double[] subtreeMax;
        int[] rowCluster;
        double[] rowLambda;
        /** Per row: the cluster P whose tied split decides the row's side (see {@link #bridging}), else -1. */
        int[] bridgeParent;

        /** GLOSH score of a row of lambda {@code l} that leaves cluster {@code c}, as the model computes it. */
        double glosh(int c, double l) {
            double lm = subtreeMax[c];
            if (lm == 0.0 || Double.isInfinite(l)) {
                return 0.0;
            }
            return Double.isInfinite(lm) ? 1.0 : (lm - l) / lm;
        }
    }

    /**
     * Bridging rows: rows whose side at a tied split is decided by tie-breaking, i.e. rows that leave their cluster
     * P at exactly the lambda at which P splits into two or more clusters (left in P) or that leave a child of
     * such a P at the child's birth lambda (attached to that child). Read from the condensed tree.
     */
    static TreeView bridging(HdbscanModel m) {
        HdbscanModel.CondensedTree ct = m.condensedTree();
        int n = ct.pointCount();
        long[] parent = ct.parent();
        long[] child = ct.child();
        double[] lambda = ct.lambda();
        int k = 1;
        for (int r = 0; r < parent.length; r++) {
            if (child[r] >= n) {
                k = Math.max(k, (int) (child[r] - n) + 1);
            }
        }
        TreeView v = new TreeView();
        v.n = n;
        v.clusters = k;
        v.clusterParent = new int[k];
        v.birth = new double[k];
        v.subtreeMax = new double[k];
        v.rowCluster = new int[n];
        v.rowLambda = new double[n];
        v.bridgeParent = new int[n];
        v.clusterParent[0] = -1;
        double[] splitLambda = new double[k];
        java.util.Arrays.fill(splitLambda, Double.NaN);
        for (int r = 0; r < parent.length; r++) {
            int p = (int) (parent[r] - n);
            v.subtreeMax[p] = Math.max(v.subtreeMax[p], lambda[r]);
            if (child[r] >= n) {
                int c = (int) (child[r] - n);
                v.clusterParent[c] = p;
                v.birth[c] = lambda[r];
                splitLambda[p] = lambda[r];
            } else {
                v.rowCluster[(int) child[r]] = p;
                v.rowLambda[(int) child[r]] = lambda[r];
            }
        }
        for (int c = k - 1; c >= 1; c--) { // children have larger numbers than their parents
            int p = v.clusterParent[c];
            v.subtreeMax[p] = Math.max(v.subtreeMax[p], v.subtreeMax[c]);
        }
        for (int i = 0; i < n; i++) {
            int c = v.rowCluster[i];
            double l = v.rowLambda[i];
            if (splitLambda[c] == l) {
                v.bridgeParent[i] = c;
            } else if (c > 0 && v.birth[c] == l) {
                v.bridgeParent[i] = v.clusterParent[c];
            } else {
                v.bridgeParent[i] = -1;
            }
        }
        return v;
    }

    /**
     * The sides a bridging row could have been given at its tied split (the split cluster P itself or any of its
     * children) whose label and GLOSH score agree with the reference's for that row; labels are compared through
     * the majority map from our clusters to the reference's, the label of a side being that of its non-bridging
     * rows. Empty when no side explains the reference.
     */
    static List<Integer> sidesAgreeingWithReference(TreeView v, int row, int[] labels, int[] labelMap, Fit ref) {
        int p = v.bridgeParent[row];
        List<Integer> sides = new ArrayList<>();
        for (int c = 0; c < v.clusters; c++) {
            if (c != p && v.clusterParent[c] != p) {
                continue;
            }
            int sideLabel = Integer.MIN_VALUE;
            for (int j = 0; j < v.n && sideLabel == Integer.MIN_VALUE; j++) {
                if (v.rowCluster[j] == c && v.bridgeParent[j] < 0) {
                    sideLabel = labels[j] < 0 ? -1 : labelMap[labels[j]];
                }
            }
            boolean labelOk = sideLabel == Integer.MIN_VALUE || sideLabel == ref.labels[row];
            boolean scoreOk = Math.abs(v.glosh(c, v.rowLambda[row]) - ref.outlier[row]) <= 1e-9;
            if (labelOk && scoreOk) {
                sides.add(c);
            }
        }
        return sides;
    }

    /** A permutation of 0..n-1 from a seeded shuffle. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
