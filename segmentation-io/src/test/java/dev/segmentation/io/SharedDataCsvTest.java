package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import dev.segmentation.testing.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Loads the full files of ../shared/data and checks the figures their READMEs state (skipped with a reason when the
 * folder is absent).
 */
class SharedDataCsvTest {
    private static final String RETAIL = "data/online_retail_uci/online_retail.csv.gz";

    @Test
    void onlineRetailCustomerRows() throws IOException {
        Path f = SharedData.require(RETAIL);
        Transactions t = CsvPresets.onlineRetail().build().read(f);
        assertEquals(541_909, t.size() + t.rejected().total(), "rows offered");
        assertEquals(135_080, t.rejected().count(RowProblem.BLANK_ENTITY), "rows with an empty CustomerID");
        assertEquals(135_080, t.rejected().total(), "nothing else is rejected");
        assertEquals(541_909 - 135_080, t.size());
        assertEquals(4_372, t.entityCount(), "distinct CustomerIDs");
        assertEquals("12346.0", t.entityId(0));
        // invoices of customer rows only (guest invoices go with their rows): checked against a naive reader
        assertEquals(naiveInvoicesWithCustomer(f), t.orderCount());
    }

    @Test
    void onlineRetailAllRowsKeyedByCountry() throws IOException {
        Path f = SharedData.require(RETAIL);
        // Country is never empty, so every row is kept: the README's whole-file figures apply
        Transactions t = CsvPresets.onlineRetail().entity("Country").onInvalidRow(InvalidRowPolicy.FAIL).build()
                .read(f);
        assertEquals(541_909, t.size());
        assertEquals(38, t.entityCount(), "countries");
        assertEquals(25_900, t.orderCount(), "distinct invoices");
        assertEquals(4_070, t.itemCount(), "distinct StockCodes");
        double quantity = 0;
        double amount = 0;
        int cancellations = 0;
        for (int r = 0; r < t.size(); r++) {
            quantity += t.quantity(r);
            amount += t.amount(r);
            if (t.orderId(r).startsWith("C")) {
                cancellations++;
            }
        }
        assertEquals(5_176_450.0, quantity, 0.0, "sum(Quantity)");
        assertEquals(9_747_747.93, amount, 0.005, "sum(Quantity*UnitPrice)");
        assertEquals(9_288, cancellations, "rows of invoices starting with C");
    }

    @Test
    void walmartTrain() throws IOException {
        Path f = SharedData.require("data/walmart_store_sales/train.csv.gz");
        Transactions t = CsvPresets.walmartTrain().build().read(f);
        assertEquals(421_570, t.size());
        assertEquals(3_331, t.entityCount(), "Store_Dept series");
        assertEquals(421_570, t.orderCount(), "one synthetic order per row");
        int negative = 0;
        for (int r = 0; r < t.size(); r++) {
            if (t.amount(r) < 0) {
                negative++;
            }
        }
        assertEquals(1_285, negative, "rows with negative Weekly_Sales");
    }

    @Test
    void predictFutureSales() throws IOException {
        Path f = SharedData.require("data/predict_future_sales_subset/sales_train.csv.gz");
        Transactions byShop = CsvPresets.predictFutureSalesByShop().build().read(f);
        assertEquals(275_993, byShop.size());
        assertEquals(25, byShop.entityCount(), "shops");
        assertEquals(494, byShop.itemCount(), "items");
        int returns = 0;
        for (int r = 0; r < byShop.size(); r++) {
            if (byShop.quantity(r) < 0) {
                returns++;
            }
        }
        assertEquals(543, returns, "rows with negative item_cnt_day");
    }

    @Test
    void olistPayments() throws IOException {
        Path f = SharedData.require("data/olist_partial/olist_order_payments_dataset.csv.gz");
        FeatureTable t = OlistPayments.readOrderFeatures(f);
        assertEquals(99_440, t.rows(), "distinct orders");
        double rows = 0;
        double maxInstallments = 0;
        for (int r = 0; r < t.rows(); r++) {
            rows += t.get(r, "payments");
            maxInstallments = Math.max(maxInstallments, t.get(r, "installments_max"));
        }
        assertEquals(103_886, rows, 0.0, "payment rows");
        assertEquals(24, maxInstallments, 0.0);
        assertEquals(8, t.cols(), "3 features + 5 payment types");
    }

    /** Distinct InvoiceNo over rows with a CustomerID, with a simple quote-aware split (the oracle). */
    private static int naiveInvoicesWithCustomer(Path f) throws IOException {
        Set<String> invoices = new HashSet<>();
        try (BufferedReader r = SharedData.open(f)) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                int fields = 0;
                boolean quoted = false;
                int start = 0;
                String invoice = null;
                String customer = null;
                for (int i = 0; i <= line.length(); i++) {
                    char c = i < line.length() ? line.charAt(i) : ',';
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == ',' && !quoted) {
                        if (fields == 0) {
                            invoice = line.substring(start, i);
                        } else if (fields == 6) {
                            customer = line.substring(start, i);
                        }
                        fields++;
                        start = i + 1;
                    }
                }
                if (customer != null && !customer.isEmpty()) {
                    invoices.add(invoice);
                }
            }
        }
        return invoices.size();
    }
}
