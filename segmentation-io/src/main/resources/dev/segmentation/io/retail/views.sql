-- The inputs of the segmentation library, as views over schema.sql (PostgreSQL and DuckDB).

-- Transactions: one row per order line of a registered user. The columns are those JdbcTransactionReader maps
-- (RetailSchema.transactionReader()): entity_id, ordered_at, order_id, item_id, category, quantity, amount, and
-- the numeric attributes delivery_days and late_days.
--   * A cancelled order becomes cancellation rows: order id 'C' + id (Rfm's cancelledOrderPrefix "C"), quantity and
--     amount negated, as in UCI Online Retail.
--   * A returned line (negative quantity) keeps its order id and a negative amount.
--   * delivery_days: days from the order to its delivery (0 for a store purchase); late_days: days delivered after
--     the promise (0 when on time or in a store). An order still in transit, or lost, has -1 for both (the reader
--     refuses NULL numbers), so a feature or a query can tell it apart.
CREATE VIEW segmentation_transactions AS
SELECT
    CAST(o.user_id AS VARCHAR(32)) AS entity_id,
    o.ordered_at,
    CASE WHEN o.status = 'cancelled' THEN 'C' ELSE '' END || CAST(o.order_id AS VARCHAR(32)) AS order_id,
    CAST(l.product_id AS VARCHAR(32)) AS item_id,
    p.category,
    CASE WHEN o.status = 'cancelled' THEN -l.quantity ELSE l.quantity END AS quantity,
    CASE WHEN o.status = 'cancelled' THEN -l.quantity ELSE l.quantity END * l.unit_price AS amount,
    CASE WHEN o.channel = 'store' THEN 0.0
        WHEN d.delivered_at IS NULL THEN -1.0
        ELSE (CAST(d.delivered_at AS DATE) - CAST(o.ordered_at AS DATE)) * 1.0 END AS delivery_days,
    CASE WHEN o.channel = 'store' THEN 0.0
        WHEN d.delivered_at IS NULL THEN -1.0
        ELSE GREATEST(CAST(d.delivered_at AS DATE) - CAST(d.promised_at AS DATE), 0) * 1.0 END AS late_days
FROM orders o
JOIN order_lines l ON l.order_id = o.order_id
JOIN products p ON p.product_id = l.product_id
LEFT JOIN deliveries d ON d.order_id = o.order_id
WHERE o.user_id IS NOT NULL;

-- Events: one row per click of a signed-in user, the columns EventReader maps (RetailSchema.eventReader()).
CREATE VIEW segmentation_events AS
SELECT
    CAST(c.user_id AS VARCHAR(32)) AS entity_id,
    c.clicked_at AS event_at,
    c.event_type
FROM clicks c
WHERE c.user_id IS NOT NULL;
