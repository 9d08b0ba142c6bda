package dev.segmentation.features;

import dev.segmentation.data.Transactions;
import dev.segmentation.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-local readers of the shared datasets (Walmart weekly sales, UCI Online Retail) and of the reference
 * feature tables. Every method skips the calling test (via {@link SharedData#require}) when the data are absent.
 */
final class RetailTestData {
    private RetailTestData() {
    }

    private static Panel walmart;
    private static Transactions onlineRetail;

    /** Walmart train.csv as a weekly panel of Store_Dept, whole span, empty weeks 0 (cached). */
    static synchronized Panel walmartWeekly() {
        Path f = SharedData.require("data/walmart_store_sales/train.csv.gz");
        if (walmart == null) {
            Panel.RowsBuilder b = Panel.rowsBuilder(PanelSpec.of(Period.WEEK));
            try (BufferedReader r = SharedData.open(f)) {
                String line = r.readLine(); // header Store,Dept,Date,Weekly_Sales,IsHoliday
                while ((line = r.readLine()) != null) {
                    String[] p = line.split(",");
                    b.add(p[0] + "_" + p[1], LocalDate.parse(p[2]), Double.parseDouble(p[3]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            walmart = b.build();
        }
        return walmart;
    }

    /**
     * Online Retail rows kept as in the reference README: CustomerID not empty, InvoiceNo not starting with C,
     * Quantity > 0, UnitPrice > 0; entity = CustomerID as written, item = StockCode, amount = Quantity x UnitPrice.
     */
    static synchronized Transactions onlineRetail() {
        if (onlineRetail == null) {
            Transactions all = dev.segmentation.testing.OnlineRetailFixture.require().transactions;
            onlineRetail = all.filterRows(r -> !all.orderId(r).startsWith("C") && all.quantity(r) > 0
                    && all.amount(r) > 0);
        }
        return onlineRetail;
    }

    /** A reference table: header names and, per entity id (first column), its raw string fields. */
    static final class Reference {
        final List<String> header;
        final Map<String, String[]> rows;

        Reference(List<String> header, Map<String, String[]> rows) {
            this.header = header;
            this.rows = rows;
        }

        int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + header);
            }
            return i;
        }

        double value(String entity, String column) {
            String s = rows.get(entity)[column(column)];
            return s.isEmpty() || s.equals("nan") || s.equals("NaN") ? Double.NaN : Double.parseDouble(s);
        }
    }

    static Reference reference(String file) {
        Path f = SharedData.require("data/reference/" + file);
        List<String> lines = SharedData.lines(f);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, String[]> rows = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",", -1);
            rows.put(p[0], p);
        }
        return new Reference(header, rows);
    }
}
