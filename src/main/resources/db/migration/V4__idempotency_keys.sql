-- Responses kept for replay under the Idempotency-Key header: one per tenant and key, written in the same
-- transaction as the request's own writes. Rows past the retention (24 h) are ignored, then purged.
CREATE TABLE idempotency_keys (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    fingerprint  text        NOT NULL,
    status       integer     NOT NULL,
    headers      text        NOT NULL,
    body         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
SELECT stockroom_protect_tenant_table('idempotency_keys');
