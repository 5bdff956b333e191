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
    ]
}
