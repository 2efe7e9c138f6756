-- Tenants are global; every other table carries tenant_id and is guarded by row-level security.
--
-- Tenant-scoped work runs under the role stockroom_tenant (TenantConnectionInterceptor switches to it
-- on every connection checkout made for a tenant). It owns nothing and is subject to every policy.
-- The login role that runs these migrations owns the tables and does platform work (operator
-- endpoints, API key verification, migrations) with no tenant set.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'stockroom_tenant') THEN
        CREATE ROLE stockroom_tenant NOLOGIN;
    END IF;
    -- The login role must be a member to SET ROLE to it (superusers are members of everything).
    IF NOT pg_has_role(current_user, 'stockroom_tenant', 'MEMBER') THEN
        EXECUTE format('GRANT stockroom_tenant TO %I', current_user);
    END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO stockroom_tenant;

-- The tenant of the current connection; a missing or empty app.tenant_id matches no row.
CREATE FUNCTION stockroom_current_tenant() RETURNS uuid
    LANGUAGE sql STABLE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Puts a tenant table under row-level security: forced (the owner is subject too), a tenant sees and
-- writes only its own rows, and the owning login role keeps platform access through a policy of its own.
-- Every migration that adds a tenant table calls it: SELECT stockroom_protect_tenant_table('orders');
CREATE FUNCTION stockroom_protect_tenant_table(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s TO stockroom_tenant '
                   'USING (tenant_id = stockroom_current_tenant()) '
                   'WITH CHECK (tenant_id = stockroom_current_tenant())', target);
    EXECUTE format('CREATE POLICY platform_access ON %s TO %I USING (true) WITH CHECK (true)', target, current_user);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO stockroom_tenant', target);
END
$$;

CREATE TABLE tenants (
    id          uuid        PRIMARY KEY,
    slug        text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    plan        text        NOT NULL CHECK (plan IN ('FREE', 'PRO', 'ENTERPRISE')),
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    version     bigint      NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- A tenant may read its own row, nothing else; only platform work writes tenants.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenants FOR SELECT TO stockroom_tenant USING (id = stockroom_current_tenant());
DO $$ BEGIN
    EXECUTE format('CREATE POLICY platform_access ON tenants TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
GRANT SELECT ON tenants TO stockroom_tenant;

CREATE TABLE api_keys (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    prefix        text        NOT NULL UNIQUE,
    hash          bytea       NOT NULL,
    role          text        NOT NULL CHECK (role IN ('ADMIN', 'MEMBER', 'READ_ONLY')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);

CREATE INDEX api_keys_tenant_created ON api_keys (tenant_id, created_at, id);
SELECT stockroom_protect_tenant_table('api_keys');
