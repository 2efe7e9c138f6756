-- Cache invalidations recorded in the transaction of the write that causes them (an outbox): the instance
-- that commits relays them to Redis and the other instances at once and then deletes them; any live instance
-- relays those still here a few seconds later (their instance died, or Redis was away). No foreign key: a
-- tenant's deletion records the purge of its cache in the same transaction that deletes it.
CREATE TABLE cache_invalidations (
    id          uuid        PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    scopes      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX cache_invalidations_created ON cache_invalidations (created_at);
SELECT stockroom_protect_tenant_table('cache_invalidations');
