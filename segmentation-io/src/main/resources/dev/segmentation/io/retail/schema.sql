-- The SQL data model of an online and store retailer (about a million users), the source the segmentation
-- library reads through the views of views.sql. Portable SQL: runs unchanged on PostgreSQL (12 or later) and
-- DuckDB. Times are TIMESTAMP without zone, in UTC. Money is NUMERIC(12, 2) in the shop's currency.
-- Sizes of a million-user retailer over two years, for planning: users 1M, orders ~8M, order_lines ~25M,
-- clicks ~400M (partition or keep in Parquet), deliveries ~8M, inventory one row per node, product and day.

-- The fulfilment network: stores, warehouses and distribution centres.
CREATE TABLE network_nodes (
    node_id      INTEGER PRIMARY KEY,
    kind         VARCHAR(16) NOT NULL,          -- 'store', 'warehouse' or 'dc'
    name         VARCHAR(128) NOT NULL,
    region       VARCHAR(64) NOT NULL,
    opened_on    DATE,
    latitude     DOUBLE PRECISION,
    longitude    DOUBLE PRECISION
);

-- Which node supplies which, with the lead time and the cost of moving one unit.
CREATE TABLE network_links (
    from_node_id   INTEGER NOT NULL REFERENCES network_nodes (node_id),
    to_node_id     INTEGER NOT NULL REFERENCES network_nodes (node_id),
    lead_time_days INTEGER NOT NULL,
    unit_cost      NUMERIC(12, 2) NOT NULL,
    PRIMARY KEY (from_node_id, to_node_id)
);

-- Registered customers (guests have no row: their orders carry a NULL user_id).
CREATE TABLE users (
    user_id        BIGINT PRIMARY KEY,
    signed_up_at   TIMESTAMP NOT NULL,
    country        VARCHAR(2) NOT NULL,         -- ISO 3166-1 alpha-2
    region         VARCHAR(64) NOT NULL,
    acquisition    VARCHAR(32) NOT NULL,        -- 'search', 'social', 'referral', 'store', ...
    birth_year     INTEGER,
    home_node_id   INTEGER REFERENCES network_nodes (node_id)
);

CREATE TABLE products (
    product_id     BIGINT PRIMARY KEY,
    category       VARCHAR(64) NOT NULL,
    subcategory    VARCHAR(64) NOT NULL,
    brand          VARCHAR(64),
    unit_cost      NUMERIC(12, 2) NOT NULL,
    list_price     NUMERIC(12, 2) NOT NULL
);

-- One row per order; status 'cancelled' orders are kept (the views turn them into cancellation rows).
CREATE TABLE orders (
    order_id       BIGINT PRIMARY KEY,
    user_id        BIGINT REFERENCES users (user_id),   -- NULL for a guest checkout
    ordered_at     TIMESTAMP NOT NULL,
    channel        VARCHAR(16) NOT NULL,                -- 'web', 'app' or 'store'
    node_id        INTEGER REFERENCES network_nodes (node_id),  -- the store, for channel 'store'
    status         VARCHAR(16) NOT NULL                 -- 'placed', 'delivered', 'cancelled'
);

CREATE TABLE order_lines (
    order_id       BIGINT NOT NULL REFERENCES orders (order_id),
    line_no        INTEGER NOT NULL,
    product_id     BIGINT NOT NULL REFERENCES products (product_id),
    quantity       INTEGER NOT NULL,                    -- negative for a returned line
    unit_price     NUMERIC(12, 2) NOT NULL,             -- the price paid per unit, after discounts
    PRIMARY KEY (order_id, line_no)
);

-- Engagement: one row per tracked event of the web site and the app.
CREATE TABLE clicks (
    click_id       BIGINT PRIMARY KEY,
    user_id        BIGINT REFERENCES users (user_id),   -- NULL while the visitor is not signed in
    session_id     VARCHAR(64) NOT NULL,
    clicked_at     TIMESTAMP NOT NULL,
    event_type     VARCHAR(32) NOT NULL,                -- 'view', 'search', 'add_to_cart', 'checkout', ...
    product_id     BIGINT REFERENCES products (product_id),
    channel        VARCHAR(16) NOT NULL                 -- 'web' or 'app'
);

-- Shipments of web and app orders.
CREATE TABLE deliveries (
    delivery_id    BIGINT PRIMARY KEY,
    order_id       BIGINT NOT NULL UNIQUE REFERENCES orders (order_id),  -- one shipment per order
    from_node_id   INTEGER NOT NULL REFERENCES network_nodes (node_id),
    carrier        VARCHAR(32) NOT NULL,
    shipped_at     TIMESTAMP NOT NULL,
    promised_at    TIMESTAMP NOT NULL,
    delivered_at   TIMESTAMP                            -- NULL while in transit or lost
);

-- Daily stock per node and product.
CREATE TABLE inventory (
    node_id        INTEGER NOT NULL REFERENCES network_nodes (node_id),
    product_id     BIGINT NOT NULL REFERENCES products (product_id),
    snapshot_date  DATE NOT NULL,
    on_hand        INTEGER NOT NULL,
    on_order       INTEGER NOT NULL,
    PRIMARY KEY (node_id, product_id, snapshot_date)
);

CREATE INDEX orders_user ON orders (user_id, ordered_at);
CREATE INDEX clicks_user ON clicks (user_id, clicked_at);
