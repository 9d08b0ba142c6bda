package dev.segmentation.io;

import dev.segmentation.data.FeatureTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Olist {@code olist_order_payments_dataset.csv} (columns {@code order_id, payment_sequential,
 * payment_type, payment_installments, payment_value}) into one row of payment features per order.
 *
 * <p>Why not {@link dev.segmentation.data.Transactions}: the payments file has neither a customer nor a timestamp
 * (they are in the orders file), so there is no entity to segment over time. What it supports is per-order payment
 * behaviour, which this reader returns as a {@link FeatureTable} with entity = {@code order_id}, rows sorted by
 * order id, and the features:
 * <ul>
 *   <li>{@code payments}: number of payment rows of the order;</li>
 *   <li>{@code payment_value}: sum of {@code payment_value};</li>
 *   <li>{@code installments_max}: largest {@code payment_installments};</li>
 *   <li>{@code value_<type>} for every {@code payment_type} in the file, in sorted type order (e.g.
 *       {@code value_boleto}, {@code value_credit_card}): the order's value paid that way (0 when none).</li>
 * </ul>
 * Sums are accumulated in file order, so the same file gives the same bits. The file must be clean: the first row
 * that cannot be parsed throws an {@link IllegalArgumentException} naming the line, the column and the text. Cost
 * O(rows); memory O(orders x types). Stateless and thread-safe.
 */
public final class OlistPayments {
    private static final String[] COLUMNS = {"order_id", "payment_type", "payment_installments", "payment_value"};

    private OlistPayments() {
    }

    /**
     * Reads a payments file (gzip or plain, UTF-8, comma-delimited).
     *
     * @throws CsvFormatException when the header lacks a column or the file is malformed
     * @throws IllegalArgumentException at the first row that cannot be parsed
     */
    public static FeatureTable readOrderFeatures(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return readOrderFeatures(in, String.valueOf(file.getFileName()));
        }
    }

    /**
     * Reads a payments stream (gzip or plain, UTF-8, comma-delimited); the caller closes it.
     *
     * @throws CsvFormatException when the header lacks a column or the file is malformed
     * @throws IllegalArgumentException at the first row that cannot be parsed
     */
    public static FeatureTable readOrderFeatures(InputStream in, String sourceName) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Charset cs = StandardCharsets.UTF_8;
        CsvTokenizer tok = new CsvTokenizer(CsvInput.gunzipIfNeeded(in), (byte) ',', sourceName);
        String[][] header = new String[1][];
        int[] idx = CsvTransactionReader.resolve(tok, cs, sourceName, COLUMNS,
                new String[] {"order", "payment type", "installments", "value"}, header);
        int fields = header[0].length;
        StringPool ids = new StringPool(cs);
        StringPool types = new StringPool(cs);
        HashMap<String, Integer> orderIndex = new HashMap<>();
        List<String> orders = new ArrayList<>();
        HashMap<String, Integer> typeIndex = new HashMap<>();
        List<String> typeNames = new ArrayList<>();
        int cap = 1024;
        double[] count = new double[cap];
        double[] value = new double[cap];
        double[] instMax = new double[cap];
        List<double[]> perType = new ArrayList<>();
        while (tok.next()) {
            long line = tok.recordLine();
            if (tok.fieldCount() != fields) {
                throw bad(sourceName, line, "(record)", tok.fieldCount() + " fields where the header has " + fields);
            }
            if (tok.isEmpty(idx[0])) {
                throw bad(sourceName, line, COLUMNS[0], "");
            }
            String id = text(ids, tok, idx[0], sourceName, line, COLUMNS[0]);
            String type = text(types, tok, idx[1], sourceName, line, COLUMNS[1]);
            double inst = number(tok, idx[2], cs, sourceName, line, COLUMNS[2]);
            double v = number(tok, idx[3], cs, sourceName, line, COLUMNS[3]);
            Integer o = orderIndex.get(id);
            if (o == null) {
                o = orders.size();
                orderIndex.put(id, o);
                orders.add(id);
                if (o == cap) {
                    cap *= 2;
                    count = Arrays.copyOf(count, cap);
                    value = Arrays.copyOf(value, cap);
                    instMax = Arrays.copyOf(instMax, cap);
                    for (int t = 0; t < perType.size(); t++) {
                        perType.set(t, Arrays.copyOf(perType.get(t), cap));
                    }
                }
                instMax[o] = inst;
            }
            Integer t = typeIndex.get(type);
            if (t == null) {
                t = typeNames.size();
                typeIndex.put(type, t);
                typeNames.add(type);
                perType.add(new double[cap]);
            }
            count[o] += 1;
            value[o] += v;
            instMax[o] = Math.max(instMax[o], inst);
            perType.get(t)[o] += v;
        }
        String[] sortedOrders = orders.toArray(new String[0]);
        Arrays.sort(sortedOrders);
        String[] sortedTypes = typeNames.toArray(new String[0]);
        Arrays.sort(sortedTypes);
        int d = 3 + sortedTypes.length;
        String[] names = new String[d];
        names[0] = "payments";
        names[1] = "payment_value";
        names[2] = "installments_max";
        for (int k = 0; k < sortedTypes.length; k++) {
            names[3 + k] = "value_" + sortedTypes[k];
        }
        double[] out = new double[sortedOrders.length * d];
        for (int r = 0; r < sortedOrders.length; r++) {
            int o = orderIndex.get(sortedOrders[r]);
            out[r * d] = count[o];
            out[r * d + 1] = value[o];
            out[r * d + 2] = instMax[o];
            for (int k = 0; k < sortedTypes.length; k++) {
                out[r * d + 3 + k] = perType.get(typeIndex.get(sortedTypes[k]))[o];
            }
        }
        return FeatureTable.wrap(sortedOrders, names, out);
    }

    /** The text of a field; bytes that are not UTF-8 are a bad row (shown as \xNN), never a replacement. */
    private static String text(StringPool pool, CsvTokenizer tok, int col, String source, long line, String name) {
        byte[] b = tok.bytes(col);
        try {
            return pool.get(b, tok.from(col), tok.to(col));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw bad(source, line, name, new Texts(StandardCharsets.UTF_8).display(b, tok.from(col), tok.to(col)));
        }
    }

    private static double number(CsvTokenizer tok, int col, Charset cs, String source, long line, String name) {
        byte[] b = tok.bytes(col);
        try {
            double v = Decimals.parse(b, tok.from(col), tok.to(col));
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(source, line, name, tok.string(col, cs));
    }

    private static IllegalArgumentException bad(String source, long line, String column, String text) {
        return new IllegalArgumentException(source + ": row " + line + ", column " + column
                + ": cannot parse the value, value '" + text + "'");
    }
}
