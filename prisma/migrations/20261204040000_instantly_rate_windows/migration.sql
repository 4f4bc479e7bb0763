-- CreateTable: the Instantly rate budget shared by every process (see docs/architecture.md, "One rate budget").
CREATE TABLE "gmaps_instantly_rate_windows" (
    "workspace_key" VARCHAR(64) NOT NULL,
    "slice_ms" INTEGER NOT NULL,
    "slice" BIGINT NOT NULL,
    "used" INTEGER NOT NULL,

    CONSTRAINT "gmaps_instantly_rate_windows_pkey" PRIMARY KEY ("workspace_key","slice_ms","slice")
);

-- Hand-added: grants up to p_want request starts for one workspace, now (the database clock is the one clock
-- every process shares). A grant is counted in the current 100 ms slice and the current 1 s slice; it is refused
-- unless the last p_second_slices 100 ms slices stay within p_per_second and the last p_minute_slices 1 s slices
-- within p_per_minute (the caller sizes both spans to cover the window plus its latency margin plus one slice,
-- so that no sliding window of the server can see more than the limit). Returns how many were granted and for
-- how many ms of the current 100 ms slice they stay usable. The advisory lock serialises callers of one
-- workspace; in PL/pgSQL each statement takes a fresh snapshot, so the sums read after the lock are current.
CREATE FUNCTION "gmaps_instantly_rate_take"(
    p_key TEXT, p_want INTEGER, p_per_second INTEGER, p_per_minute INTEGER,
    p_second_slices INTEGER, p_minute_slices INTEGER
) RETURNS TABLE (granted INTEGER, valid_ms INTEGER) LANGUAGE plpgsql AS $$
DECLARE
    now_ms BIGINT;
    s_slice BIGINT;
    m_slice BIGINT;
    s_used INTEGER;
    m_used INTEGER;
    n INTEGER;
BEGIN
    PERFORM pg_advisory_xact_lock(72707370, hashtext(p_key));
    now_ms := floor(extract(epoch FROM clock_timestamp()) * 1000)::BIGINT;
    s_slice := now_ms / 100;
    m_slice := now_ms / 1000;
    SELECT coalesce(sum(w."used"), 0) INTO s_used FROM "gmaps_instantly_rate_windows" w
     WHERE w."workspace_key" = p_key AND w."slice_ms" = 100 AND w."slice" > s_slice - p_second_slices;
    SELECT coalesce(sum(w."used"), 0) INTO m_used FROM "gmaps_instantly_rate_windows" w
     WHERE w."workspace_key" = p_key AND w."slice_ms" = 1000 AND w."slice" > m_slice - p_minute_slices;
    n := greatest(0, least(p_want, p_per_second - s_used, p_per_minute - m_used));
    IF n > 0 THEN
        INSERT INTO "gmaps_instantly_rate_windows" AS w ("workspace_key", "slice_ms", "slice", "used")
        VALUES (p_key, 100, s_slice, n), (p_key, 1000, m_slice, n)
        ON CONFLICT ("workspace_key", "slice_ms", "slice") DO UPDATE SET "used" = w."used" + EXCLUDED."used";
    END IF;
    -- Old slices only matter for the sums above; pruning now and then keeps the table a few hundred rows.
    IF random() < 0.02 THEN
        DELETE FROM "gmaps_instantly_rate_windows" w
         WHERE w."workspace_key" = p_key AND (w."slice" + 1) * w."slice_ms" < now_ms - 120000;
    END IF;
    RETURN QUERY SELECT n, (100 - (now_ms % 100))::INTEGER;
END
$$;
