package dev.segmentation.io;

import static dev.segmentation.io.CsvTransactionReaderTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each preset on lines copied unchanged from the real files (see src/test/resources/csv). */
class CsvPresetsTest {

    @Test
    void onlineRetail() throws IOException {
        Transactions t = CsvPresets.onlineRetail().build().read(fixture("online_retail_sample.csv"));
        assertEquals(6, t.size());
        assertEquals(2, t.rejected().count(RowProblem.BLANK_ENTITY));
        assertEquals(List.of("13408.0", "14527.0", "15311.0", "16210.0", "17850.0"), t.entityIds());
        int e = t.entityIndex("17850.0").getAsInt();
        int r = t.entityStart(e);
        assertEquals("536365", t.orderId(r));
        assertEquals(LocalDateTime.of(2010, 12, 1, 8, 26).toEpochSecond(ZoneOffset.UTC), t.epochSecond(r));
        int cancel = t.entityStart(t.entityIndex("14527.0").getAsInt());
        assertEquals("C536379", t.orderId(cancel));
        assertEquals(-1.0, t.quantity(cancel));
        assertEquals(-27.5, t.amount(cancel));
        int quoted = t.entityStart(t.entityIndex("16210.0").getAsInt());
        assertEquals(48 * 2.1, t.amount(quoted));
        assertEquals("22041", t.itemId(quoted));
    }

    @Test
    void onlineRetailUnderFailRefusesTheFirstGuestRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvPresets.onlineRetail()
                .onInvalidRow(InvalidRowPolicy.FAIL).build().read(fixture("online_retail_sample.csv")));
        assertEquals("online_retail_sample.csv: row 8, column CustomerID: entity id is null or blank, value ''",
                e.getMessage());
    }

    @Test
    void walmartTrain() throws IOException {
        Transactions t = CsvPresets.walmartTrain().build().read(fixture("walmart_train_sample.csv"));
        assertEquals(5, t.size());
        assertEquals(List.of("1_1", "1_2"), t.entityIds());
        assertEquals(5, t.orderCount());
        assertEquals("1_1@2010-02-05", t.orderId(0));
        assertEquals(24924.5, t.amount(0));
        assertEquals(1.0, t.quantity(0));
        assertEquals(LocalDate.of(2010, 2, 12).toEpochDay() * 86_400, t.epochSecond(1));
    }

    @Test
    void predictFutureSalesPerShopItemAndPerShop() throws IOException {
        Transactions t = CsvPresets.predictFutureSales().build().read(fixture("pfs_sample.csv"));
        assertEquals(List.of("25_2574", "25_3148"), t.entityIds());
        assertEquals(798.0, t.amount(0));
        assertEquals("2574", t.itemId(0));
        assertEquals(LocalDate.of(2013, 1, 3).toEpochDay() * 86_400, t.epochSecond(0));
        int ret = t.entityStart(1);
        assertEquals(-1.0, t.quantity(ret));
        assertEquals(-1850.0, t.amount(ret));
        assertEquals(18.0, t.attribute(t.attributeIndex("date_block_num"), ret));
        Transactions shops = CsvPresets.predictFutureSalesByShop().build().read(fixture("pfs_sample.csv"));
        assertEquals(List.of("25"), shops.entityIds());
        assertEquals(4, shops.orderCount());
        assertEquals("25@2013-01-03", shops.orderId(0));
    }

    @Test
    void olistPaymentsPerOrder() throws IOException {
        FeatureTable f = OlistPayments.readOrderFeatures(fixture("olist_payments_sample.csv"));
        assertEquals(List.of("5cfd514482e22bc992e7693f0e3e8df7", "a9810da82917af2d9aefd1278f1dcfa0",
                "b81ef226f3fe1789b1e8b2acac839d17"), f.entityIds());
        assertEquals(List.of("payments", "payment_value", "installments_max", "value_credit_card", "value_voucher"),
                f.featureNames());
        assertEquals(2.0, f.get(0, "payments"));
        assertEquals(45.17 + 665.41, f.get(0, "payment_value"));
        assertEquals(4.0, f.get(0, "installments_max"));
        assertEquals(45.17, f.get(0, "value_voucher"));
        assertEquals(0.0, f.get(1, "value_voucher"));
        assertEquals(8.0, f.get(2, "installments_max"));
    }

    @Test
    void olistPaymentsRefusesABadNumber() {
        String text = "order_id,payment_sequential,payment_type,payment_installments,payment_value\n"
                + "o1,1,boleto,1,12.5\no2,1,boleto,one,3\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OlistPayments
                .readOrderFeatures(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "p.csv"));
        assertEquals("p.csv: row 3, column payment_installments: cannot parse the value, value 'one'", e.getMessage());
    }
}
