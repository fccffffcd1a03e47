//! The tables, and the upgrades this version makes.
//!
//! Schema 3 adds `articles_fts`, an FTS5 index of each article's title and text. It is an
//! external-content table over `articles` (rowid = `seq`): the text is stored once, the index
//! holds only terms and positions, and articles are never updated or deleted, so the ingest
//! keeps it current with one insert per article. Terms are stemmed (`porter` over
//! `unicode61` with diacritics removed), so "collapsed" finds "collapse".
//!
//! Schema 4 adds `articles.authors`: who wrote each article, one name per line (NULL when
//! nobody is named), as given or as its bylines name them.
//!
//! Schema 5 adds `articles.language`: the language the input declares (`en`, `en-GB`).
//!
//! A schema 2, 3 or 4 store is upgraded by a read-write open: what it lacks is added (the index
//! created and filled from the stored articles; the authors and language columns, empty for the
//! articles already stored) and `meta.schema` set to 5, in one `IMMEDIATE` transaction, so a failure
//! leaves the store as it was. A read-only open refuses it instead.

use rusqlite::Connection;

/// The schemas a read-write open upgrades.
pub(crate) const UPGRADABLE: &[&str] = &["2", "3", "4"];

const TABLES: &str = "
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE stories(
        id INTEGER PRIMARY KEY,
        headline TEXT NOT NULL,
        articles INTEGER NOT NULL,
        first_day INTEGER NOT NULL,
        last_day INTEGER NOT NULL);
    CREATE TABLE articles(
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT UNIQUE,
        text_hash INTEGER NOT NULL,
        title TEXT,
        source TEXT,
        published TEXT,
        day INTEGER NOT NULL,
        undated INTEGER NOT NULL,
        story INTEGER NOT NULL REFERENCES stories(id),
        copy_of INTEGER REFERENCES articles(seq),
        text TEXT NOT NULL,
        features BLOB NOT NULL,
        authors TEXT,
        language TEXT);
    CREATE INDEX articles_text_hash ON articles(text_hash);
    CREATE INDEX articles_story ON articles(story, day, seq);
    CREATE TABLE checkpoint(
        one INTEGER PRIMARY KEY CHECK (one = 1),
        articles INTEGER NOT NULL,
        state BLOB NOT NULL);
    CREATE TABLE briefs(
        story INTEGER NOT NULL REFERENCES stories(id),
        key TEXT NOT NULL,
        articles INTEGER NOT NULL,
        output TEXT NOT NULL,
        PRIMARY KEY (story, key));";

/// What schema 3 adds to schema 2.
const SEARCH: &str = "
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content = 'articles', content_rowid = 'seq',
        tokenize = 'porter unicode61 remove_diacritics 2');
    CREATE INDEX stories_recent ON stories(last_day DESC, id);";

/// Create every table of a new store, with its `meta` rows.
pub(crate) fn create(conn: &Connection, params: &str) -> rusqlite::Result<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let made = (|| {
        conn.execute_batch(TABLES)?;
        conn.execute_batch(SEARCH)?;
        for (k, v) in [
            ("application", super::APPLICATION),
            ("schema", super::SCHEMA),
            ("params", params),
        ] {
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)",
                rusqlite::params![k, v],
            )?;
        }
        Ok(())
    })();
    finish(conn, made)
}

/// Schema 2, 3 or 4 to 5: the search index, built from the stored articles (from 2), the
/// authors column (from 2 and 3) and the language column (from 2, 3 and 4).
pub(crate) fn upgrade(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let done = (|| {
        // Another process may have upgraded it between the check and the lock.
        let schema: String =
            conn.query_row("SELECT value FROM meta WHERE key = 'schema'", [], |r| {
                r.get(0)
            })?;
        if !UPGRADABLE.contains(&schema.as_str()) {
            return Ok(());
        }
        if schema == "2" {
            conn.execute_batch(SEARCH)?;
            conn.execute_batch("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")?;
        }
        if schema != "4" {
            conn.execute_batch("ALTER TABLE articles ADD COLUMN authors TEXT")?;
        }
        conn.execute_batch("ALTER TABLE articles ADD COLUMN language TEXT")?;
        conn.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'schema'",
            [super::SCHEMA],
        )?;
        Ok(())
    })();
    finish(conn, done)
}

fn finish(conn: &Connection, r: rusqlite::Result<()>) -> rusqlite::Result<()> {
    match r {
        Ok(()) => conn.execute_batch("COMMIT"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}
