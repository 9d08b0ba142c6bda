package dev.segmentation.io;

import dev.segmentation.data.InvalidRowPolicy;

/**
 * Ready mappings for public retail datasets (the layouts in the project's shared data folder). Each method returns
 * a {@link CsvTransactionReader.Builder}, so the caller can still change the policy, the delimiter or add columns
 * before {@code build()}. Stateless and thread-safe.
 *
 * <p>The Olist payments file cannot become {@link dev.segmentation.data.Transactions}: it has neither a customer
 * nor a timestamp (those live in the orders file, which is not part of the partial copy). {@link OlistPayments}
 * reads it into per-order payment features instead.
 */
public final class CsvPresets {
    private CsvPresets() {
    }

    /**
     * UCI "Online Retail" (Chen, Sain and Guo 2012), columns {@code InvoiceNo, StockCode, Description, Quantity,
     * InvoiceDate, UnitPrice, CustomerID, Country}: entity {@code CustomerID} kept exactly as written (e.g.
     * {@code 12346.0}), order {@code InvoiceNo} (cancellations start with {@code C} and keep negative quantities),
     * item {@code StockCode}, timestamp {@code InvoiceDate} as {@code yyyy-MM-dd HH:mm:ss} UTC, quantity
     * {@code Quantity}, amount = {@code Quantity x UnitPrice}.
     *
     * <p>The policy is preset to {@link InvalidRowPolicy#SKIP}: 135,080 of the 541,909 rows are guest purchases
     * with an empty {@code CustomerID}; they are left out and counted as
     * {@link dev.segmentation.data.RowProblem#BLANK_ENTITY}. Set {@link InvalidRowPolicy#FAIL} to refuse such
     * files instead.
     */
    public static CsvTransactionReader.Builder onlineRetail() {
        return CsvTransactionReader.builder()
                .entity("CustomerID")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .order("InvoiceNo")
                .item("StockCode")
                .quantity("Quantity")
                .unitPrice("UnitPrice")
                .onInvalidRow(InvalidRowPolicy.SKIP);
    }

    /**
     * Walmart "Store Sales Forecasting" {@code train.csv}, columns {@code Store, Dept, Date, Weekly_Sales,
     * IsHoliday}: entity {@code Store_Dept} (e.g. {@code 1_1}), timestamp {@code Date} ({@code yyyy-MM-dd}, a
     * Friday, midnight UTC), amount {@code Weekly_Sales} (may be negative), quantity 1, no item. The order id is
     * synthetic, {@code <Store_Dept>@<date>}: one order per row, since each series has one row per week.
     * Policy {@link InvalidRowPolicy#FAIL}.
     */
    public static CsvTransactionReader.Builder walmartTrain() {
        return CsvTransactionReader.builder()
                .entity("Store", "Dept")
                .timestamp("Date", "yyyy-MM-dd")
                .syntheticOrder(CsvTransactionReader.SyntheticOrder.ENTITY_AND_DATE)
                .amount("Weekly_Sales");
    }

    /**
     * Kaggle "Predict Future Sales" {@code sales_train.csv}, columns {@code date, date_block_num, shop_id,
     * item_id, item_price, item_cnt_day}, one entity per shop x item: entity {@code <shop_id>_<item_id>} (e.g.
     * {@code 25_2574}), the series a shop x product x month panel aggregates; item {@code item_id}; timestamp
     * {@code date} ({@code dd.MM.yyyy}, midnight UTC); quantity {@code item_cnt_day} (negative for returns);
     * amount = {@code item_price x item_cnt_day}; the month index {@code date_block_num} as the attribute
     * {@code date_block_num}. The order id is synthetic, {@code <entity>@<date>}: one order per series and day.
     * Policy {@link InvalidRowPolicy#FAIL}.
     */
    public static CsvTransactionReader.Builder predictFutureSales() {
        return CsvTransactionReader.builder()
                .entity("shop_id", "item_id")
                .timestamp("date", "dd.MM.yyyy")
                .syntheticOrder(CsvTransactionReader.SyntheticOrder.ENTITY_AND_DATE)
                .item("item_id")
                .quantity("item_cnt_day")
                .unitPrice("item_price")
                .attribute("date_block_num", "date_block_num");
    }

    /**
     * As {@link #predictFutureSales()}, with one entity per shop ({@code shop_id}) instead of per shop x item:
     * the shop's daily basket is the synthetic order {@code <shop_id>@<date>}, its lines the items sold that day.
     */
    public static CsvTransactionReader.Builder predictFutureSalesByShop() {
        return predictFutureSales().entity("shop_id");
    }
}
