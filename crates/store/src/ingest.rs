//! Adding articles: [`Ingest`] keeps the store and an in-memory [`Clusterer`] in step.
//!
//! A batch is one `IMMEDIATE` transaction. Inside it each article goes through three steps,
//! one function each: is it already stored ([`Batch::duplicate`]: same id, url, or the same
//! words), where does it go (the clusterer), and what changes (its row, its story's row, the
//! search index, and the stories it absorbed, [`Batch::store`] and [`Batch::absorb`]). The
//! statements are prepared once per batch in [`Batch`].
//!
//! The clusterer runs ahead of the transaction: if anything fails after the first article was
//! clustered, the `Ingest` is poisoned and refuses further batches (the caller reloads it,
//! [`Ingest::reload`], or opens the store again, which replays what was committed).
//!
//! One ingest at a time: an `Ingest` holds the ingest lock (`flock` on `<store>-lock`) from
//! before it creates or opens the store until it is dropped, so a second one is refused at
//! once; a long-running writer holds it only while it writes
//! ([`Ingest::open_between_batches`]).

use newsbrief_core::stream::{features_of_cleaned, Assignment, Clusterer};
use newsbrief_core::text::{same_words, text_fingerprint};
use newsbrief_core::Article;
use rusqlite::{params, CachedStatement, Connection, OptionalExtension, TransactionBehavior};

use crate::{classify, headline, host, text_hash, Added, NewArticle, Result, Store, StoreError};
use newsbrief_core::stream::Params;
use std::path::Path;

/// Days after the day of ingest from which a publication date is implausible (time zones and
/// embargoed stories stay within this).
pub const FUTURE_DAYS: i64 = 2;

/// A checkpoint is written when this many articles were added since the last one, so that
/// resuming never replays more than this.
const CHECKPOINT_EVERY: usize = 20_000;

impl NewArticle {
    /// An article read from input, ready to store: its clustering features, and its day (the
    /// publication date, else `today`, days since 1970-01-01, marked `undated`: the ingest then
    /// clusters it at the previous dated article's day, when there is one). A publication date
    /// more than [`FUTURE_DAYS`] after `today` is kept as given in `published` but taken as
    /// undated: one wrong year would otherwise end every story and stretch its own. Pure and
    /// independent per article, so callers may prepare a batch in parallel.
    pub fn prepare(a: Article, today: i64) -> NewArticle {
        // Where the reader gave no date or authors, the article's own timestamp line and
        // bylines may (as `analyze` completes them).
        let cleaned = newsbrief_core::clean::clean_article(&a.text, a.title.as_deref());
        let (authors, published) = newsbrief_core::clean::metadata::complete(&a, &cleaned);
        let day = published
            .as_deref()
            .and_then(newsbrief_core::facts::time::parse_date)
            .map(|d| d.days())
            .filter(|&d| d <= today + FUTURE_DAYS);
        let features = features_of_cleaned(a.title.as_deref(), &cleaned.text);
        NewArticle {
            id: a.id,
            url: a.url,
            title: a.title,
            source: a.source,
            published,
            authors,
            language: a.language,
            text: a.text,
            day: day.unwrap_or(today),
            undated: day.is_none(),
            features,
        }
    }
}

/// The id of an article read from a stream line that named none (its id is still the
/// `line_id` the reader gave it): its url, else a fingerprint of its text. Line numbers repeat
/// from feed to feed, so they would make new articles look like stored ones.
pub fn identify(article: &mut Article, line_id: &str) {
    if article.id == line_id {
        article.id = article
            .url
            .clone()
            .unwrap_or_else(|| format!("text:{:016x}", text_fingerprint(&article.text)));
    }
}

/// Adding articles to a store: the store and the clusterer, kept in step.
#[derive(Debug)]
pub struct Ingest {
    store: Store,
    clusterer: Clusterer,
    /// Articles at the last checkpoint.
    checkpointed: usize,
    /// The day of the last dated article stored: where the clusterer places an undated one.
    last_dated: Option<i64>,
    /// A batch failed after clustering began: the clusterer is ahead of the store.
    poisoned: bool,
    /// The ingest lock and when it is held; released after the connection closes (fields
    /// drop in order).
    hold: Hold,
}

/// When an [`Ingest`] holds the ingest lock.
#[derive(Debug)]
enum Hold {
    /// As long as it lives ([`Ingest::open`]): the file is kept, never read.
    Always(#[allow(dead_code)] std::fs::File),
    /// While it writes a batch or a checkpoint ([`Ingest::open_between_batches`]).
    PerBatch(std::fs::File, std::path::PathBuf),
}

/// The ingest lock taken for one batch by [`Hold::PerBatch`], released when dropped.
struct Held<'a>(Option<&'a std::fs::File>);

impl Drop for Held<'_> {
    fn drop(&mut self) {
        if let Some(f) = self.0 {
            let _ = f.unlock();
        }
    }
}

impl Hold {
    fn for_batch(&self) -> Result<Held<'_>> {
        match self {
            Hold::Always(_) => Ok(Held(None)),
            Hold::PerBatch(f, path) => {
                crate::try_lock(f, path)?;
                Ok(Held(Some(f)))
            }
        }
    }
}

/// The statements of one batch, prepared once in its transaction.
struct Batch<'t> {
    path: &'t str,
    find: CachedStatement<'t>,
    by_text: CachedStatement<'t>,
    insert: CachedStatement<'t>,
    index: CachedStatement<'t>,
    new_story: CachedStatement<'t>,
    grow: CachedStatement<'t>,
    id_of: CachedStatement<'t>,
    merge: CachedStatement<'t>,
    move_articles: CachedStatement<'t>,
    drop_briefs: CachedStatement<'t>,
    drop_story: CachedStatement<'t>,
}

impl<'t> Batch<'t> {
    fn prepare(tx: &'t Connection, path: &'t str) -> Result<Batch<'t>> {
        let p = |sql: &str| tx.prepare_cached(sql).map_err(|e| classify(path, e));
        Ok(Batch {
            path,
            find: p(
                "SELECT id, CASE WHEN id = ?1 THEN 'id' ELSE 'url' END, text FROM articles
                     WHERE id = ?1 OR (?2 IS NOT NULL AND url = ?2) LIMIT 1",
            )?,
            by_text: p("SELECT id, text FROM articles WHERE text_hash = ?1")?,
            insert: p(
                "INSERT INTO articles(seq, id, url, text_hash, title, source, published,
                           day, undated, story, copy_of, text, features, authors, language)
                       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?,
            index: p("INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?,
            new_story: p(
                "INSERT INTO stories(id, headline, articles, first_day, last_day)
                          VALUES (?1, ?2, 1, ?3, ?3)",
            )?,
            grow: p("UPDATE stories SET articles = articles + 1,
                         first_day = min(first_day, ?2), last_day = max(last_day, ?2)
                     WHERE id = ?1")?,
            id_of: p("SELECT id FROM articles WHERE seq = ?1")?,
            merge: p("UPDATE stories SET
                          articles = articles + (SELECT articles FROM stories WHERE id = ?2),
                          first_day = min(first_day,
                              (SELECT first_day FROM stories WHERE id = ?2)),
                          last_day = max(last_day, (SELECT last_day FROM stories WHERE id = ?2))
                      WHERE id = ?1")?,
            move_articles: p("UPDATE articles SET story = ?1 WHERE story = ?2")?,
            drop_briefs: p("DELETE FROM briefs WHERE story = ?1")?,
            drop_story: p("DELETE FROM stories WHERE id = ?1")?,
        })
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        classify(self.path, e)
    }

    /// The stored article `a` repeats (same id, url, or the same words), if any.
    fn duplicate(&mut self, a: &NewArticle) -> Result<Option<Added>> {
        let dup: Option<(String, String, String)> = self
            .find
            .query_row(params![a.id, a.url], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()
            .map_err(|e| classify(self.path, e))?;
        if let Some((of, by, text)) = dup {
            let by = if by == "id" { "id" } else { "url" };
            return Ok(Some(Added::Duplicate {
                of,
                by,
                differs: by == "id" && !same_words(&text, &a.text),
            }));
        }
        let path = self.path;
        let err = |e| classify(path, e);
        let mut rows = self.by_text.query([text_hash(&a.text)]).map_err(err)?;
        while let Some(r) = rows.next().map_err(err)? {
            let text: String = r.get(1).map_err(err)?;
            if same_words(&text, &a.text) {
                return Ok(Some(Added::Duplicate {
                    of: r.get::<_, String>(0).map_err(err)?,
                    by: "text",
                    differs: false,
                }));
            }
        }
        Ok(None)
    }

    /// Store article number `seq` as the clusterer placed it at `day`.
    fn store(&mut self, seq: i64, a: &NewArticle, day: i64, placed: &Assignment) -> Result<Added> {
        let story = placed.story + 1;
        if placed.new_story {
            self.new_story
                .execute(params![story, headline(a), day])
                .map_err(|e| classify(self.path, e))?;
        } else {
            self.grow
                .execute(params![story, day])
                .map_err(|e| classify(self.path, e))?;
        }
        let source = a.source.clone().or_else(|| a.url.as_deref().and_then(host));
        self.insert
            .execute(params![
                seq,
                a.id,
                a.url,
                text_hash(&a.text),
                a.title,
                source,
                a.published,
                day,
                a.undated,
                story,
                placed.copy_of.map(i64::from),
                a.text,
                a.features.to_bytes(),
                (!a.authors.is_empty()).then(|| a.authors.join("\n")),
                a.language,
            ])
            .map_err(|e| classify(self.path, e))?;
        self.index
            .execute(params![seq, a.title, a.text])
            .map_err(|e| classify(self.path, e))?;
        let absorbed: Vec<u32> = placed.absorbed.iter().map(|s| s + 1).collect();
        for &gone in &absorbed {
            self.absorb(story, gone)?;
        }
        let copy_of = match placed.copy_of {
            Some(o) => Some(
                self.id_of
                    .query_row([i64::from(o)], |r| r.get::<_, String>(0))
                    .map_err(|e| classify(self.path, e))?,
            ),
            None => None,
        };
        Ok(Added::Stored {
            story,
            new_story: placed.new_story,
            copy_of,
            absorbed,
        })
    }

    /// Story `gone` was absorbed by `story`: its articles move, its row and briefs go.
    fn absorb(&mut self, story: u32, gone: u32) -> Result<()> {
        self.merge
            .execute(params![story, gone])
            .map_err(|e| self.err(e))?;
        self.move_articles
            .execute(params![story, gone])
            .map_err(|e| self.err(e))?;
        self.drop_briefs.execute([gone]).map_err(|e| self.err(e))?;
        self.drop_story.execute([gone]).map_err(|e| self.err(e))?;
        Ok(())
    }
}

impl Ingest {
    /// Open the store at `path` for adding articles, creating it if needed (with `params`, or
    /// the defaults). Resumes the clusterer from the store's checkpoint and the articles after
    /// it.
    pub fn open(path: &Path, params: Option<&Params>) -> Result<Ingest> {
        Ingest::open_holding(path, params, false)
    }

    /// As [`Ingest::open`], for a long-running writer (the server) that other ingest processes
    /// may interleave with: it holds the ingest lock while it opens (or creates) the store and
    /// while it writes a batch or a checkpoint, and a batch is refused ([`StoreError::Locked`])
    /// while another ingest holds it.
    pub fn open_between_batches(path: &Path, params: Option<&Params>) -> Result<Ingest> {
        Ingest::open_holding(path, params, true)
    }

    fn open_holding(path: &Path, params: Option<&Params>, per_batch: bool) -> Result<Ingest> {
        let (store, lock) = Store::open_or_create(path, params)?;
        let (clusterer, checkpointed) = store.clusterer()?;
        let last_dated = store.last_dated()?;
        let hold = if per_batch {
            let _ = lock.unlock();
            Hold::PerBatch(lock, path.to_path_buf())
        } else {
            Hold::Always(lock)
        };
        Ok(Ingest {
            store,
            clusterer,
            checkpointed,
            last_dated,
            poisoned: false,
            hold,
        })
    }

    /// Load the clusterer again from what the store holds (after a failed batch), keeping the
    /// ingest lock.
    pub fn reload(&mut self) -> Result<()> {
        let _held = self.hold.for_batch()?;
        let (clusterer, checkpointed) = self.store.clusterer()?;
        self.clusterer = clusterer;
        self.checkpointed = checkpointed;
        self.last_dated = self.store.last_dated()?;
        self.poisoned = false;
        Ok(())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Add a batch of articles, in the order given (publication order), in one transaction:
    /// either all of the batch is stored or none of it.
    pub fn add_batch(&mut self, batch: &[NewArticle]) -> Result<Vec<Added>> {
        if self.poisoned {
            return Err(StoreError::Refused {
                path: self.store.path.clone(),
                why: "an earlier batch failed; open the store again to continue".into(),
            });
        }
        let _held = self.hold.for_batch()?;
        let path = self.store.path.as_str();
        let err = |e: rusqlite::Error| classify(path, e);
        // Take the write lock now, so a concurrent writer is found before clustering.
        let tx = self
            .store
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        // Articles are numbered from 0 without gaps: the next number, from the rowid index.
        let stored: i64 = tx
            .query_row("SELECT coalesce(max(seq) + 1, 0) FROM articles", [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        if stored != self.clusterer.articles() as i64 {
            return Err(StoreError::Refused {
                path: path.to_string(),
                why: "the store changed under this ingest (another ingest running?)".into(),
            });
        }
        self.poisoned = true;
        let mut out = Vec::with_capacity(batch.len());
        {
            let mut b = Batch::prepare(&tx, path)?;
            for a in batch {
                if let Some(dup) = b.duplicate(a)? {
                    out.push(dup);
                    continue;
                }
                let seq = self.clusterer.articles() as i64;
                let day = match (a.undated, self.last_dated) {
                    (true, Some(last)) => last,
                    (true, None) => a.day,
                    (false, _) => {
                        self.last_dated = Some(a.day);
                        a.day
                    }
                };
                let placed = self.clusterer.add(&a.features, day);
                out.push(b.store(seq, a, day, &placed)?);
            }
        }
        if self.clusterer.articles() - self.checkpointed >= CHECKPOINT_EVERY {
            write_checkpoint(&tx, &self.clusterer).map_err(err)?;
            self.checkpointed = self.clusterer.articles();
        }
        tx.commit().map_err(err)?;
        self.poisoned = false;
        Ok(out)
    }

    /// Write a checkpoint if articles were added since the last one.
    pub fn finish(mut self) -> Result<()> {
        self.checkpoint()
    }

    /// Write a checkpoint now if articles were added since the last one (a long-running
    /// writer calls it when idle, so that the next open replays little).
    pub fn checkpoint(&mut self) -> Result<()> {
        if self.poisoned || self.clusterer.articles() == self.checkpointed {
            return Ok(());
        }
        let _held = self.hold.for_batch()?;
        let path = &self.store.path;
        let err = |e: rusqlite::Error| classify(path, e);
        let tx = self.store.conn.transaction().map_err(err)?;
        write_checkpoint(&tx, &self.clusterer).map_err(err)?;
        tx.commit().map_err(err)?;
        self.checkpointed = self.clusterer.articles();
        Ok(())
    }
}

fn write_checkpoint(conn: &Connection, c: &Clusterer) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO checkpoint(one, articles, state) VALUES (1, ?1, ?2)
         ON CONFLICT(one) DO UPDATE SET articles = ?1, state = ?2",
        params![c.articles() as i64, c.to_bytes()],
    )
    .map(|_| ())
}
