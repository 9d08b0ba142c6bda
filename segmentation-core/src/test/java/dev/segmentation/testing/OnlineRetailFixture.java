package dev.segmentation.testing;

import dev.segmentation.data.Transactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only loader of the UCI Online Retail CSV ({@code data/online_retail_uci/online_retail.csv.gz} under the
 * shared folder; header {@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country};
 * fields may be double-quoted, with {@code ""} for a quote inside). Each row with a CustomerID becomes one
 * transaction: entity = CustomerID exactly as written (e.g. {@code "12346.0"}), order = InvoiceNo, item =
 * StockCode, timestamp = InvoiceDate ({@code yyyy-MM-dd HH:mm:ss}) read as UTC, quantity = Quantity, amount =
 * Quantity x UnitPrice. Rows with an empty CustomerID are skipped and counted. Not the library's CSV reader: it
 * exists so core tests can read the reference data.
 */
public final class OnlineRetailFixture {
    /** Path of the data file relative to the shared folder. */
    public static final String FILE = "data/online_retail_uci/online_retail.csv.gz";

    private static volatile Loaded cached;

    private OnlineRetailFixture() {
    }

    /** What {@link #load(Path)} returns. */
    public static final class Loaded {
        /** The transactions of rows with a CustomerID. */
        public final Transactions transactions;
        /** Data rows read (header excluded). */
        public final long rowsRead;
        /** Rows skipped because CustomerID is empty. */
        public final long skippedNoCustomer;

        Loaded(Transactions transactions, long rowsRead, long skippedNoCustomer) {
            this.transactions = transactions;
            this.rowsRead = rowsRead;
            this.skippedNoCustomer = skippedNoCustomer;
        }
    }

    /** The full file via {@link SharedData#require} (skips the test when absent), parsed once per JVM. */
    public static Loaded require() {
        Path f = SharedData.require(FILE);
        Loaded l = cached;
        if (l == null) {
            synchronized (OnlineRetailFixture.class) {
                if (cached == null) {
                    cached = load(f);
                }
                l = cached;
            }
        }
        return l;
    }

    /** Parses {@code file} (gzipped or plain). */
    public static Loaded load(Path file) {
        try (BufferedReader in = SharedData.open(file)) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses CSV text with the Online Retail header from {@code in}. */
    public static Loaded parse(BufferedReader in) throws IOException {
        String header = in.readLine();
        if (header == null || !header.startsWith("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
                + "CustomerID,Country")) {
            throw new IllegalArgumentException("not an Online Retail header: " + header);
        }
        Transactions.Builder b = Transactions.builder();
        long rows = 0;
        long skipped = 0;
        List<String> f = new ArrayList<>(8);
        String line;
        long lineNo = 1;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            rows++;
            split(line, f);
            if (f.size() != 8) {
                throw new IllegalArgumentException("line " + lineNo + " has " + f.size() + " fields: " + line);
            }
            String customer = f.get(6);
            if (customer.isEmpty()) {
                skipped++;
                continue;
            }
            double quantity = Double.parseDouble(f.get(3));
            double price = Double.parseDouble(f.get(5));
            b.at(lineNo).add(customer, epochSecond(f.get(4), lineNo), f.get(0), quantity, quantity * price,
                    f.get(1), null);
        }
        return new Loaded(b.build(), rows, skipped);
    }

    /** Splits one CSV line into {@code out} (cleared first); handles quoted fields and doubled quotes. */
    static void split(String line, List<String> out) {
        out.clear();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        sb.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
    }

    /** {@code yyyy-MM-dd HH:mm:ss} as UTC seconds since the epoch. */
    static long epochSecond(String s, long lineNo) {
        if (s.length() != 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != ' '
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            throw new IllegalArgumentException("line " + lineNo + ": bad InvoiceDate '" + s + "'");
        }
        int y = Integer.parseInt(s, 0, 4, 10);
        int mo = Integer.parseInt(s, 5, 7, 10);
        int d = Integer.parseInt(s, 8, 10, 10);
        int h = Integer.parseInt(s, 11, 13, 10);
        int mi = Integer.parseInt(s, 14, 16, 10);
        int se = Integer.parseInt(s, 17, 19, 10);
        return java.time.LocalDate.of(y, mo, d).toEpochDay() * 86_400L + h * 3600L + mi * 60L + se;
    }
}
