-- The product catalog. Ids are UUIDv7 (time-ordered), so "newest first" keyset pagination walks one
-- index per filter: tenant_id first, then the filter, then id.

-- Both extensions are trusted: a database owner may create them without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE TABLE products (
    id           uuid          PRIMARY KEY,
    tenant_id    uuid          NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    sku          text          NOT NULL,
    name         text          NOT NULL,
    description  text,
    price        numeric(12,2) NOT NULL CHECK (price >= 0),
    currency     text          NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    stock        integer       NOT NULL CHECK (stock >= 0),
    category     text,
    tags         text[]        NOT NULL DEFAULT '{}',
    version      bigint        NOT NULL DEFAULT 0,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    updated_at   timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT products_tenant_sku UNIQUE (tenant_id, sku)
);

CREATE INDEX products_tenant_id       ON products (tenant_id, id);
CREATE INDEX products_tenant_category ON products (tenant_id, category, id);
CREATE INDEX products_tenant_price    ON products (tenant_id, price, id);
CREATE INDEX products_tenant_tags     ON products USING gin (tenant_id, tags);
CREATE INDEX products_tenant_name     ON products USING gin (tenant_id, name gin_trgm_ops);

SELECT stockroom_protect_tenant_table('products');
