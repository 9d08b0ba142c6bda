package dev.segmentation.lifetime;

import dev.segmentation.data.Transactions;
import dev.segmentation.testing.OnlineRetailFixture;
import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lifetimes 0.11.3 reference files of {@code data/reference} (see its README) and the Online Retail rows they
 * were made from: CustomerID not empty, InvoiceNo not starting with C, Quantity > 0, UnitPrice > 0 (with
 * Quantity > 0, UnitPrice > 0 is amount > 0). Loading skips the calling test when the shared folder is absent.
 */
final class LifetimesReference {
    static final String CLV = "data/reference/online_retail_clv.csv";
    static final String HOLDOUT = "data/reference/online_retail_clv_calibration_holdout.csv";
    static final String PARAMS = "data/reference/online_retail_clv_params.json";

    private static volatile Transactions filtered;

    private LifetimesReference() {
    }

    /** The Online Retail rows the reference kept. */
    static Transactions transactions() {
        Transactions t = filtered;
        if (t == null) {
            synchronized (LifetimesReference.class) {
                if (filtered == null) {
                    Transactions all = OnlineRetailFixture.require().transactions;
                    filtered = all.filterRows(r -> !all.orderId(r).startsWith("C") && all.quantity(r) > 0
                            && all.amount(r) > 0);
                }
                t = filtered;
            }
        }
        return t;
    }

    /** A CSV with a header as rows keyed by the first column; the header is under key "". */
    static Map<String, String[]> table(String relative) {
        Path f = SharedData.require(relative);
        List<String> lines = SharedData.lines(f);
        Map<String, String[]> out = new HashMap<>();
        out.put("", lines.get(0).split(","));
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            out.put(p[0], p);
        }
        return out;
    }

    static int column(Map<String, String[]> table, String name) {
        String[] h = table.get("");
        for (int i = 0; i < h.length; i++) {
            if (h[i].equals(name)) {
                return i;
            }
        }
        throw new AssertionError("no column " + name + " in " + String.join(",", h));
    }

    /** The number after {@code "key":} in the (flat or nested) params JSON, searched after {@code section}. */
    static double param(String section, String key) {
        String json = String.join("\n", SharedData.lines(SharedData.require(PARAMS)));
        int from = section.isEmpty() ? 0 : json.indexOf("\"" + section + "\"");
        if (from < 0) {
            throw new AssertionError("no section " + section);
        }
        int k = json.indexOf("\"" + key + "\":", from);
        if (k < 0) {
            throw new AssertionError("no key " + key + " after " + section);
        }
        int s = k + key.length() + 3;
        int e = s;
        while (e < json.length() && ",}\n".indexOf(json.charAt(e)) < 0) {
            e++;
        }
        return Double.parseDouble(json.substring(s, e).trim());
    }

    /** Relative difference |a - b| / max(|b|, tiny). */
    static double rel(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }
}
