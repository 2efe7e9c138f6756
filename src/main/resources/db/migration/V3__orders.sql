-- Orders and their lines. A line keeps a snapshot of the product (sku, name, unit price) so that an order
-- reads the same after the product changes or is deleted.

CREATE TABLE orders (
    id          uuid          PRIMARY KEY,
    tenant_id   uuid          NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    status      text          NOT NULL CHECK (status IN ('PLACED')),
    currency    text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total       numeric(14,2) NOT NULL CHECK (total >= 0),
    created_at  timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX orders_tenant_id ON orders (tenant_id, id);

CREATE TABLE order_lines (
    id          uuid          PRIMARY KEY,
    tenant_id   uuid          NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    order_id    uuid          NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no     integer       NOT NULL,
    product_id  uuid          REFERENCES products (id) ON DELETE SET NULL,
    sku         text          NOT NULL,
    name        text          NOT NULL,
    unit_price  numeric(12,2) NOT NULL,
    quantity    integer       NOT NULL CHECK (quantity > 0),
    line_total  numeric(14,2) NOT NULL,
    CONSTRAINT order_lines_order_line_no UNIQUE (order_id, line_no)
);

CREATE INDEX order_lines_tenant_order   ON order_lines (tenant_id, order_id);
CREATE INDEX order_lines_tenant_product ON order_lines (tenant_id, product_id);

SELECT stockroom_protect_tenant_table('orders');
SELECT stockroom_protect_tenant_table('order_lines');
