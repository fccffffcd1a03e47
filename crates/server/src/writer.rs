//! The one writer: a thread that owns the store's [`Ingest`] and does every write, in the
//! order the requests arrive (ingest batches; briefs the readers made, to cache in the store).
//!
//! Requests send it a [`Command`] through a channel and, for an ingest, wait for its answer
//! on a oneshot channel; readers never wait for it. After each batch it publishes the stories
//! it absorbed as [`Event`]s (the `/api/events` stream); new and changed stories are published
//! by [`watch`], which sees this writer's batches and other processes' alike. When idle for a while it
//! writes a clustering checkpoint, and it writes one when it stops.
//!
//! Another process may write to the same store (`newsbrief ingest` while the server runs):
//! the writer holds the ingest lock only while it writes ([`Ingest::open_between_batches`]),
//! so its batches are refused (503) while that ingest runs; the next batch after it finds the
//! store changed under its clusterer, and the writer reloads the clusterer from the store
//! (replaying what the other process added) and retries once.

use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use newsbrief_core::facts::time::Date;
use newsbrief_store::{Added, Ingest, NewArticle, StoreError, StoryRow};
use serde::Serialize;
use tokio::sync::{broadcast, oneshot};

/// The writer checkpoints the clusterer after this long without a command.
const IDLE: Duration = Duration::from_secs(30);

/// What the writer is asked to do.
#[derive(Debug)]
pub enum Command {
    /// Store these articles (in this order) as one batch.
    Ingest {
        articles: Vec<NewArticle>,
        reply: oneshot::Sender<Result<Vec<Stored>, StoreError>>,
    },
    /// Cache a brief a reader made.
    SaveBrief {
        story: u32,
        key: String,
        articles: usize,
        output: Arc<str>,
    },
}

/// What became of one article of a batch: [`Added`], and the story it is in once the whole
/// batch is stored (a later article of the batch may have moved it, by absorbing its story).
#[derive(Debug, Clone)]
pub struct Stored {
    pub added: Added,
    pub story: Option<u32>,
}

/// A change to a story, as `/api/events` sends it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = StoryEvent)]
pub struct Event {
    /// `new`, `changed` or `absorbed`.
    pub kind: &'static str,
    /// The story.
    pub id: u32,
    /// For `absorbed`: the story that took its articles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub into: Option<u32>,
    /// For `new` and `changed`: the story as `/api/stories` lists it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<crate::api::StoryOut>,
}

/// The writer's end of the channel, as requests hold it.
#[derive(Debug, Clone)]
pub struct Sender(mpsc::Sender<Command>);

impl Sender {
    /// Store a batch; `None` when the writer has stopped.
    pub async fn ingest(
        &self,
        articles: Vec<NewArticle>,
    ) -> Option<Result<Vec<Stored>, StoreError>> {
        let (reply, answer) = oneshot::channel();
        self.0.send(Command::Ingest { articles, reply }).ok()?;
        answer.await.ok()
    }

    /// Ask for a brief to be cached in the store; nobody waits for it.
    pub fn save_brief(&self, story: u32, key: String, articles: usize, output: Arc<str>) {
        let _ = self.0.send(Command::SaveBrief {
            story,
            key,
            articles,
            output,
        });
    }
}

/// The running writer thread.
#[derive(Debug)]
pub struct Writer {
    sender: mpsc::Sender<Command>,
    thread: std::thread::JoinHandle<()>,
}

impl Writer {
    pub fn start(ingest: Ingest, events: broadcast::Sender<Event>) -> std::io::Result<Writer> {
        let (sender, commands) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("newsbrief-writer".into())
            .spawn(move || run(ingest, commands, events))?;
        Ok(Writer { sender, thread })
    }

    pub fn sender(&self) -> Sender {
        Sender(self.sender.clone())
    }

    /// Stop once every sender is gone (the server's state dropped): the thread finishes the
    /// commands already sent, checkpoints and ends.
    pub fn stop(self) {
        drop(self.sender);
        let _ = self.thread.join();
    }
}

fn run(mut ingest: Ingest, commands: mpsc::Receiver<Command>, events: broadcast::Sender<Event>) {
    loop {
        match commands.recv_timeout(IDLE) {
            Ok(Command::Ingest { articles, reply }) => {
                let result = add(&mut ingest, &articles);
                if let Ok(stored) = &result {
                    publish(stored, &events);
                }
                let _ = reply.send(result);
            }
            Ok(Command::SaveBrief {
                story,
                key,
                articles,
                output,
            }) => {
                // A cache write that fails (the store busy) only costs a recomputation.
                let _ = ingest.store().save_brief(story, &key, articles, &output);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = ingest.checkpoint();
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let _ = ingest.finish();
}

/// Add a batch; if the store changed under the clusterer (another process ingested), or an
/// earlier batch failed, open it again and retry once.
fn add(ingest: &mut Ingest, articles: &[NewArticle]) -> Result<Vec<Stored>, StoreError> {
    let added = match ingest.add_batch(articles) {
        Ok(a) => a,
        Err(StoreError::Refused { .. }) => {
            ingest.reload()?;
            ingest.add_batch(articles)?
        }
        Err(e) => return Err(e),
    };
    let store = ingest.store();
    added
        .into_iter()
        .zip(articles)
        .map(|(added, a)| {
            let id = match &added {
                Added::Duplicate { of, .. } => of.as_str(),
                Added::Stored { .. } => a.id.as_str(),
            };
            let story = store.article(id)?.map(|s| s.story);
            Ok(Stored { added, story })
        })
        .collect()
}

/// Events for the stories a batch absorbed, at once (new and changed stories are told by
/// [`watch`], which also sees other processes' ingests).
fn publish(stored: &[Stored], events: &broadcast::Sender<Event>) {
    for s in stored {
        if let Added::Stored {
            story,
            absorbed: gone,
            ..
        } = &s.added
        {
            for &g in gone {
                let _ = events.send(Event {
                    kind: "absorbed",
                    id: g,
                    into: Some(*story),
                    story: None,
                });
            }
        }
    }
}

/// How often [`watch`] looks at the store.
const WATCH_EVERY: Duration = Duration::from_millis(400);

/// Publish a `new` or `changed` event for every story that gained articles, whoever stored
/// them (this server's writer, or `newsbrief ingest` in another process): every
/// [`WATCH_EVERY`], one `max(seq)` lookup; when it moved, the stories of the articles after
/// the last look. Ends when the server stops.
pub async fn watch(state: std::sync::Arc<crate::state::State>) {
    let mut seen = state
        .read(|_, s| Ok(s.version()?))
        .await
        .unwrap_or_default();
    let mut stopping = state.stopping.clone();
    let mut tick = tokio::time::interval(WATCH_EVERY);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = stopping.changed() => return,
        }
        let from = seen;
        let looked = state
            .read(move |_, s| {
                let now = s.version()?;
                let changed = if now > from {
                    s.stories_changed_since(from)?
                } else {
                    Vec::new()
                };
                Ok((now, changed))
            })
            .await;
        let Ok((now, changed)) = looked else { continue };
        seen = now;
        for (row, new) in changed {
            let _ = state.events.send(Event {
                kind: if new { "new" } else { "changed" },
                id: row.id,
                into: None,
                story: Some(story_out(&row)),
            });
        }
    }
}

/// A story as the API lists it.
pub fn story_out(s: &StoryRow) -> crate::api::StoryOut {
    crate::api::StoryOut {
        id: s.id,
        headline: s.headline.clone(),
        articles: s.articles,
        sources: s.sources.clone(),
        first: s.first_day.map(|d| Date::from_days(d).to_string()),
        last: s.last_day.map(|d| Date::from_days(d).to_string()),
        undated_articles: s.has_undated,
    }
}
