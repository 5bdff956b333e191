import PostgresNIO

/// The store's tables, as numbered migrations. `typebar store migrate` applies those a store lacks, each in its own
/// transaction under a lock, so two machines migrating at once cannot both apply one. A store whose schema is newer
/// than this typebar is refused: an old typebar must not write rows a newer one reads differently.
public enum StoreSchema {
    /// The schema this typebar writes and reads.
    public static var current: Int { migrations.count }

    /// Migration N (1-based) takes a store from version N-1 to N. Never edit one that has shipped: add the next.
    static let migrations: [[String]] = [
        // 1: results, with the columns reports filter and sort on, the whole record, and its keystroke log.
        [
            """
            CREATE TABLE typebar_schema (
                version integer NOT NULL,
                migrated_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "INSERT INTO typebar_schema (version) VALUES (0)",
            """
            CREATE TABLE typebar_results (
                id text PRIMARY KEY,
                time timestamptz NOT NULL,
                mode text NOT NULL,
                candidate text,
                assessment text,
                config_sha256 text,
                net_wpm double precision NOT NULL,
                accuracy double precision NOT NULL,
                passed boolean NOT NULL,
                record jsonb NOT NULL,
                log bytea,
                received_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            "CREATE INDEX typebar_results_time ON typebar_results (time, id)",
            "CREATE INDEX typebar_results_candidate ON typebar_results (lower(candidate), time, id)",
            "CREATE INDEX typebar_results_assessment ON typebar_results (mode, assessment, time, id)",
        ],
        // 2: assessment attempts, taken under a lock before each attempt begins, so two machines cannot both give a
        // candidate their last one. A retake starts a new round.
        [
            """
            CREATE TABLE typebar_attempts (
                candidate_key text NOT NULL,
                assessment text NOT NULL,
                config_sha256 text NOT NULL,
                round integer NOT NULL,
                attempt integer NOT NULL CHECK (attempt >= 1),
                allowed integer NOT NULL CHECK (allowed >= 1),
                candidate text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now(),
                machine text NOT NULL DEFAULT '',
                PRIMARY KEY (candidate_key, assessment, config_sha256, round, attempt),
                CHECK (attempt <= allowed)
            )
            """,
        ],
        // 3: each record without its per-key table, bigrams and timeline, kept by the server beside it: what reports
        // and stats read of every row, about a kilobyte stored inline, where the whole record (compressed out of
        // line) costs a decompression per row.
        [
            """
            ALTER TABLE typebar_results ADD COLUMN figures jsonb
                GENERATED ALWAYS AS (record || '{"keys":[],"bigrams":[],"timeline":[]}'::jsonb) STORED
            """,
        ],
        // 4: records kept as the text typebar wrote (`json`, checked but not taken apart: the server's `jsonb` parse
        // was most of an import's time), `figures` written beside each record rather than derived by the server,
        // lz4 for the large values where the server has it; and least privilege: a machine writes results and
        // reaches the rest only through the functions below, which reveal what a machine needs and nothing more.
        [
            // The functions run as the owner: they find the tables in this schema only, never in a caller's own.
            "SELECT set_config('search_path', format('%I, pg_temp', current_schema()), true)",
            "ALTER TABLE typebar_results DROP COLUMN figures",
            "ALTER TABLE typebar_results ALTER COLUMN record TYPE json USING record::json",
            "ALTER TABLE typebar_results ADD COLUMN figures json",
            """
            UPDATE typebar_results SET figures = (record::jsonb || '{"keys":[],"bigrams":[],"timeline":[]}'::jsonb)::json
            """,
            "ALTER TABLE typebar_results ALTER COLUMN figures SET NOT NULL",
            """
            DO $$
            BEGIN
                ALTER TABLE typebar_results ALTER COLUMN record SET COMPRESSION lz4,
                    ALTER COLUMN figures SET COMPRESSION lz4, ALTER COLUMN log SET COMPRESSION lz4;
            EXCEPTION WHEN feature_not_supported OR syntax_error THEN
                NULL;  -- a server built without lz4 (or older than PostgreSQL 14) keeps its default compression
            END
            $$
            """,
            // Which of these ids the store has: the duplicate check before an import sends rows.
            """
            CREATE FUNCTION typebar_known_ids(ids text[]) RETURNS SETOF text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
            AS $$ SELECT id FROM typebar_results WHERE id = ANY(ids) $$
            """,
            // The attempts a candidate has begun at an assessment in the current round, and when the last began.
            """
            CREATE FUNCTION typebar_attempts_used(p_candidate text, p_assessment text, p_config text,
                                                  OUT used integer, OUT last_started double precision)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
            AS $$
                SELECT count(*)::integer, coalesce(max(extract(epoch FROM started_at)), 0)::float8
                FROM typebar_attempts
                WHERE candidate_key = lower(p_candidate) AND assessment = p_assessment AND config_sha256 = p_config
                  AND round = (SELECT max(round) FROM typebar_attempts
                               WHERE candidate_key = lower(p_candidate) AND assessment = p_assessment
                                 AND config_sha256 = p_config)
            $$
            """,
            // Takes the candidate's next attempt under a lock on candidate, assessment and config, or none when the
            // rules allow no more: attempt 0, with the number used.
            """
            CREATE FUNCTION typebar_begin_attempt(p_candidate text, p_assessment text, p_config text, p_allowed integer,
                                                  p_new_round boolean, p_machine text,
                                                  OUT attempt integer, OUT used integer)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT
            AS $$
            DECLARE
                current_round integer;
            BEGIN
                PERFORM pg_advisory_xact_lock(hashtextextended(lower(p_candidate) || '/' || p_assessment || '/' || p_config, 0));
                SELECT a.round, count(*)::integer INTO current_round, used FROM typebar_attempts a
                WHERE a.candidate_key = lower(p_candidate) AND a.assessment = p_assessment AND a.config_sha256 = p_config
                GROUP BY a.round ORDER BY a.round DESC LIMIT 1;
                current_round := coalesce(current_round, 0);
                used := coalesce(used, 0);
                IF p_new_round OR current_round = 0 THEN
                    current_round := current_round + 1;
                    used := 0;
                END IF;
                IF used >= p_allowed THEN
                    attempt := 0;
                    RETURN;
                END IF;
                attempt := used + 1;
                INSERT INTO typebar_attempts (candidate_key, assessment, config_sha256, round, attempt, allowed, candidate, machine)
                VALUES (lower(p_candidate), p_assessment, p_config, current_round, attempt, p_allowed, p_candidate, p_machine);
            END
            $$
            """,
            // A candidate's earlier net WPM figures, oldest first: what the above_own_results flag compares with.
            """
            CREATE FUNCTION typebar_candidate_net_wpm(p_candidate text) RETURNS SETOF double precision
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT
            AS $$ SELECT net_wpm FROM typebar_results WHERE lower(candidate) = lower(p_candidate) ORDER BY time, id $$
            """,
            // Gives a role what a candidate's machine or a reader needs (typebar store migrate --machine, --reader).
            // Runs as the caller (the owner), with the role's name quoted by format, never spliced.
            """
            CREATE FUNCTION typebar_grant(p_role text, p_kind text) RETURNS void
            LANGUAGE plpgsql VOLATILE SET search_path FROM CURRENT
            AS $$
            BEGIN
                IF p_kind NOT IN ('machine', 'reader') THEN
                    RAISE EXCEPTION 'a role is granted as machine or reader, not %', p_kind;
                END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = p_role) THEN
                    RAISE EXCEPTION 'there is no role %; create it first (docs/store.md, section 1)', p_role;
                END IF;
                IF pg_has_role(p_role, (SELECT tableowner FROM pg_tables WHERE tablename = 'typebar_results'
                                        AND schemaname = current_schema()), 'MEMBER') THEN
                    RAISE EXCEPTION '% owns typebar''s tables: give machines and readers roles of their own', p_role;
                END IF;
                EXECUTE format('REVOKE ALL ON typebar_results, typebar_attempts, typebar_schema FROM %I', p_role);
                EXECUTE format('REVOKE ALL ON FUNCTION typebar_known_ids(text[]), typebar_attempts_used(text, text, text),
                    typebar_begin_attempt(text, text, text, integer, boolean, text), typebar_candidate_net_wpm(text) FROM %I', p_role);
                EXECUTE format('GRANT SELECT ON typebar_schema TO %I', p_role);
                IF p_kind = 'machine' THEN
                    EXECUTE format('GRANT INSERT (id, time, mode, candidate, assessment, config_sha256, net_wpm, accuracy, passed,
                        record, figures, log) ON typebar_results TO %I', p_role);
                    EXECUTE format('GRANT EXECUTE ON FUNCTION typebar_known_ids(text[]), typebar_attempts_used(text, text, text),
                        typebar_begin_attempt(text, text, text, integer, boolean, text), typebar_candidate_net_wpm(text) TO %I', p_role);
                ELSE
                    EXECUTE format('GRANT SELECT ON typebar_results, typebar_attempts TO %I', p_role);
                END IF;
            END
            $$
            """,
            """
            REVOKE ALL ON FUNCTION typebar_known_ids(text[]), typebar_attempts_used(text, text, text),
                typebar_begin_attempt(text, text, text, integer, boolean, text), typebar_candidate_net_wpm(text),
                typebar_grant(text, text) FROM PUBLIC
            """,
            // A store upgraded from version 3: a role that could add results was a machine, and now becomes one
            // (it loses SELECT on every result); a role that could only read them stays a reader.
            """
            DO $$
            DECLARE
                r record;
            BEGIN
                FOR r IN SELECT rolname FROM pg_roles
                         WHERE NOT rolsuper AND rolname !~ '^pg_'
                           AND NOT pg_has_role(rolname, (SELECT tableowner FROM pg_tables
                                   WHERE tablename = 'typebar_results' AND schemaname = current_schema()), 'MEMBER')
                LOOP
                    IF has_table_privilege(r.rolname, 'typebar_results', 'INSERT') THEN
                        PERFORM typebar_grant(r.rolname, 'machine');
                    END IF;
                END LOOP;
            END
            $$
            """,
        ],
    ]
}
