//! Online story clustering: each article, in publication order, joins the most similar active
//! story or starts a new one.
//!
//! An article is a TF-IDF vector of content-word stems (stop words and numbers left out; title
//! words count double), with document frequencies counted over the stream so far. A story is the sum of its members' unit vectors
//! (its centroid), pruned to its strongest terms. The score of a story for an article is their
//! cosine times a time decay `1 / (1 + gap / decay_days)`, where `gap` is the number of days
//! since the story's last article; the article joins the best story when that score reaches
//! `threshold` and, for a story of two or more articles, `cohesion` times the score its own
//! articles typically have (read from the centroid's norm, see [`StoryState::member_score`]): the
//! reports of one event are close to each other, and a report of another event of the same kind
//! (another shooting, another dam) that passes the threshold still falls short of them. This
//! bar follows each story's spread (never asking more than 1.5 thresholds), so the stories
//! found depend less on the one threshold.
//! Articles are read cleaned of page furniture (bylines, widgets, a web archive's notice in
//! place of a page), which otherwise makes unrelated pages of one site alike.
//!
//! An article that matches no story starts one of its own, but its story may still be found
//! later: when an article joins a story, each of its other candidate stories that still holds
//! a single article (copies aside), at most `absorb_days` old, is absorbed into the joined story
//! if its cosine with the grown centroid reaches `threshold`. A story's first article often
//! names it only loosely, and an early lone report of an event is absorbed once the coverage
//! that follows shows what the story is about. Absorbing moves earlier articles to another
//! story, so [`Assignment::absorbed`] reports it and [`Clusterer::story_of`] gives the current
//! story of any article.
//!
//! Cost per article does not grow with the stream: candidate stories come from an inverted
//! index over the strongest terms of *active* stories only. Nor does memory, beyond 8 bytes per
//! article (its story and original): when more than `max_active` stories are active, the least
//! recently updated goes dormant (it leaves the index and keeps only its strongest terms); a
//! story without an article for `dormant_days` is gone (it keeps no state). A copy found by
//! [`super::minhash`] joins its original's story, even a dormant one, which then wakes up; the
//! copy index holds the articles of the last `dormant_days` only, so a copy of an older article
//! starts or joins a story by its content. Document frequencies forget their rarest terms
//! past 2^20 terms (`MAX_DF_TERMS`). The checkpoint ([`Clusterer::to_bytes`]) holds what later articles
//! can reach (live stories, the copy index and the articles it points at), and a resumed
//! clusterer knows the stories of earlier articles only as far as that.
//!
//! Everything is deterministic: the same articles in the same order give the same stories.
//! Ties are broken by the lower story number, sums are taken in stream order.

use std::collections::{BTreeSet, VecDeque};

use rustc_hash::FxHashMap;

use crate::dedup;
use crate::params::ParamError;

use super::codec::{DecodeError, Reader, Writer};
use super::minhash::{self, LshIndex, Signature, HASHES};

/// What an article brings to clustering, computed by [`features`] (pure, parallelisable).
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Term keys (stable hashes of stems) and their weighted counts, sorted by key.
    pub terms: Vec<(u64, f32)>,
    /// MinHash signature of the body's shingles, when it is long enough.
    pub signature: Option<Signature>,
}

/// Version tag of [`Features::to_bytes`]; bump on any change.
const FORMAT: u32 = 1;
/// Version tag of [`Clusterer::to_bytes`]; bump on any change (2: a story's first day, for
/// absorbing; 3: only what later articles can reach, and the days of the copy index).
const STATE_FORMAT: u32 = 3;

impl Features {
    /// The features as bytes, for a store ([`Features::from_bytes`] reads them back).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u32(FORMAT);
        write_features(&mut w, self);
        w.bytes
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Features, DecodeError> {
        let mut r = Reader::new(bytes);
        if r.u32()? != FORMAT {
            return Err(DecodeError("unknown format version"));
        }
        let f = read_features(&mut r)?;
        r.finish()?;
        Ok(f)
    }
}

fn write_features(w: &mut Writer, f: &Features) {
    write_vector(w, &f.terms);
    write_signature(w, f.signature.as_ref());
}

fn read_features(r: &mut Reader) -> Result<Features, DecodeError> {
    Ok(Features {
        terms: read_vector(r)?,
        signature: read_signature(r)?,
    })
}

fn write_vector(w: &mut Writer, v: &[(u64, f32)]) {
    w.len(v.len());
    for &(t, x) in v {
        w.u64(t);
        w.f32(x);
    }
}

fn read_vector(r: &mut Reader) -> Result<Vec<(u64, f32)>, DecodeError> {
    let n = r.len(12)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        v.push((r.u64()?, r.f32()?));
    }
    if v.windows(2).any(|p| p[0].0 >= p[1].0) {
        return Err(DecodeError("terms out of order"));
    }
    Ok(v)
}

fn write_signature(w: &mut Writer, s: Option<&Signature>) {
    match s {
        None => w.u8(0),
        Some(s) => {
            w.u8(1);
            for &h in &s.0 {
                w.u32(h);
            }
        }
    }
}

fn read_signature(r: &mut Reader) -> Result<Option<Signature>, DecodeError> {
    match r.u8()? {
        0 => Ok(None),
        1 => {
            let mut sig = [0u32; HASHES];
            for h in &mut sig {
                *h = r.u32()?;
            }
            Ok(Some(Signature(sig)))
        }
        _ => Err(DecodeError("bad signature tag")),
    }
}

/// Weight of a title word, against 1 for a body word. (Counting names, capitalized words inside
/// a sentence, double as well scored lower: see bench/RESULTS.md.)
const TITLE_WEIGHT: f32 = 2.0;

/// Features of an article from its title and body text. The body is cleaned first, article by
/// article ([`crate::clean::clean_article`]: bylines, widgets, credits, a web archive's notice
/// in place of a page), so page furniture does not make articles of different stories alike.
pub fn features(title: Option<&str>, text: &str) -> Features {
    features_of_cleaned(title, &crate::clean::clean_article(text, title).text)
}

/// [`features`] of an article whose body the caller has already cleaned with
/// [`crate::clean::clean_article`].
pub fn features_of_cleaned(title: Option<&str>, text: &str) -> Features {
    let mut counts: FxHashMap<u64, f32> = FxHashMap::default();
    for key in dedup::word_keys(title.unwrap_or("")) {
        *counts.entry(key).or_insert(0.0) += TITLE_WEIGHT;
    }
    let body = dedup::word_keys(text);
    for &key in &body {
        *counts.entry(key).or_insert(0.0) += 1.0;
    }
    let mut terms: Vec<(u64, f32)> = counts.into_iter().collect();
    terms.sort_unstable_by_key(|t| t.0);
    Features {
        terms,
        signature: minhash::signature(&dedup::shingles(&body)),
    }
}

/// The most the `cohesion` bar asks, in thresholds: however tight a story, a report that tells
/// its event from another angle (the rescue after the collapse) and scores half again the
/// threshold still joins. (Measured: the same F1 as no cap on both development streams, with
/// more recall; bench/RESULTS.md.)
const COHESION_CAP: f64 = 1.5;

/// Clustering settings. [`Params::default`] is the tuned configuration (see bench/RESULTS.md).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Minimum decayed cosine for an article to join a story.
    pub threshold: f64,
    /// Share of a story's own cohesion an article must reach to join a story of two or more
    /// articles: its score against at least `cohesion` times the score a typical member of the
    /// story has (0: off). A tight story (the reports of one event) asks more than a loose one.
    pub cohesion: f64,
    /// Days after which the time decay halves a score.
    pub decay_days: f64,
    /// Estimated shingle Jaccard similarity from which an article is a copy.
    pub copy_similarity: f64,
    /// Days without a new article after which a story goes dormant.
    pub dormant_days: i64,
    /// Most stories kept active at once.
    pub max_active: usize,
    /// Terms kept per article vector.
    pub article_terms: usize,
    /// Terms kept per story centroid, and those of them indexed for candidate search.
    pub centroid_terms: usize,
    pub indexed_terms: usize,
    /// Stories scored exactly per article (the best by index overlap).
    pub candidates: usize,
    /// Days after its article during which a story of a single article can still be absorbed
    /// by a story that comes to resemble it (0: never).
    pub absorb_days: i64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            threshold: 0.16,
            cohesion: 0.6,
            decay_days: 3000.0,
            copy_similarity: dedup::COPY_SIMILARITY,
            dormant_days: 1000,
            max_active: 2000,
            article_terms: 64,
            centroid_terms: 300,
            indexed_terms: 24,
            candidates: 12,
            absorb_days: 365,
        }
    }
}

impl Params {
    /// Names accepted by [`Params::set`].
    pub const NAMES: &'static [&'static str] = &[
        "threshold",
        "cohesion",
        "decay_days",
        "copy_similarity",
        "dormant_days",
        "max_active",
        "article_terms",
        "centroid_terms",
        "indexed_terms",
        "candidates",
        "absorb_days",
    ];

    /// The value of a parameter by name (see [`Params::NAMES`]).
    pub fn get(&self, name: &str) -> Option<f64> {
        Some(match name {
            "threshold" => self.threshold,
            "cohesion" => self.cohesion,
            "decay_days" => self.decay_days,
            "copy_similarity" => self.copy_similarity,
            "dormant_days" => self.dormant_days as f64,
            "max_active" => self.max_active as f64,
            "article_terms" => self.article_terms as f64,
            "centroid_terms" => self.centroid_terms as f64,
            "indexed_terms" => self.indexed_terms as f64,
            "candidates" => self.candidates as f64,
            "absorb_days" => self.absorb_days as f64,
            _ => return None,
        })
    }

    /// Set a parameter by name, checking its range.
    pub fn set(&mut self, name: &str, value: f64) -> Result<(), ParamError> {
        let count = |v: f64| -> Result<usize, ParamError> {
            if v >= 1.0 && v.fract() == 0.0 {
                Ok(v as usize)
            } else {
                Err(ParamError::out_of_range(
                    name,
                    "a whole number of at least 1",
                    v,
                ))
            }
        };
        let unit = |v: f64| -> Result<f64, ParamError> {
            if (0.0..=1.0).contains(&v) {
                Ok(v)
            } else {
                Err(ParamError::out_of_range(name, "between 0 and 1", v))
            }
        };
        match name {
            "threshold" => self.threshold = unit(value)?,
            "cohesion" => self.cohesion = unit(value)?,
            "copy_similarity" => self.copy_similarity = unit(value)?,
            "decay_days" if value > 0.0 => self.decay_days = value,
            "decay_days" => return Err(ParamError::out_of_range(name, "above 0", value)),
            "dormant_days" => self.dormant_days = count(value)? as i64,
            "max_active" => self.max_active = count(value)?,
            "article_terms" => self.article_terms = count(value)?,
            "centroid_terms" => self.centroid_terms = count(value)?,
            "indexed_terms" => self.indexed_terms = count(value)?,
            "candidates" => self.candidates = count(value)?,
            "absorb_days" if value >= 0.0 && value.fract() == 0.0 => {
                self.absorb_days = value as i64
            }
            "absorb_days" => {
                return Err(ParamError::out_of_range(
                    name,
                    "a whole number of at least 0",
                    value,
                ))
            }
            _ => return Err(ParamError::unknown("clustering", name, Self::NAMES)),
        }
        Ok(())
    }
}

/// Where one article went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Story number, from 0 in order of creation.
    pub story: u32,
    /// The article started this story.
    pub new_story: bool,
    /// The article is a near-copy of this earlier article (its number in the stream).
    pub copy_of: Option<u32>,
    /// Stories of a single article that joining `story` absorbed, in the order absorbed: their
    /// articles are now in `story`, and they no longer exist.
    pub absorbed: Vec<u32>,
}

/// Where a story is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Life {
    /// In the candidate index: articles may join it by content.
    Active,
    /// Left the index for capacity (`max_active`), with a pruned centroid: only a copy of one
    /// of its articles can wake it, until it has had no article for `dormant_days`.
    Dormant,
    /// Absorbed, or without an article for `dormant_days`: nothing can reach it any more, and
    /// it keeps no state.
    Gone,
}

#[derive(Debug)]
struct StoryState {
    /// Summed member vectors, sorted by term key (so sums never depend on hash order).
    centroid: Vec<(u64, f32)>,
    norm: f64,
    indexed: Vec<u64>,
    last_day: i64,
    /// Day of the story's first article.
    first_day: i64,
    life: Life,
    /// Its articles (copies included), in stream order, while it has a single original (only
    /// then can it be absorbed and its articles move); empty otherwise.
    members: Vec<u32>,
    /// How many of its articles are not copies.
    originals: u32,
}

impl StoryState {
    fn new(day: i64) -> StoryState {
        StoryState {
            centroid: Vec::new(),
            norm: 0.0,
            indexed: Vec::new(),
            last_day: day,
            first_day: day,
            life: Life::Gone,
            members: Vec::new(),
            originals: 0,
        }
    }

    /// Drop everything: nothing reaches the story any more.
    fn bury(&mut self) {
        self.life = Life::Gone;
        self.centroid = Vec::new();
        self.indexed = Vec::new();
        self.members = Vec::new();
        self.norm = 0.0;
    }

    /// The score an article of this story typically has against its centroid: for `n`
    /// articles whose vectors have an average cosine `p` with each other, one more like them
    /// scores `n p / |sum|`, with `|sum|^2 = n + n (n - 1) p` (the centroid's squared norm, so
    /// `p` comes from it). 0 for a story of one article, which says nothing of its spread.
    fn member_score(&self) -> f64 {
        let n = f64::from(self.originals);
        if n < 2.0 {
            return 0.0;
        }
        let p = ((self.norm * self.norm - n) / (n * (n - 1.0))).max(0.0);
        n * p / (n + n * (n - 1.0) * p).sqrt()
    }
}

/// An article's story or original not known (articles before a checkpoint that nothing
/// reaches any more), and "no original".
const NONE: u32 = u32::MAX;

/// Document frequencies kept at most: past this, the rarest terms are forgotten (a term seen
/// again then counts from 1). A stream's vocabulary grows without end (names, typos); this
/// bounds it at about 30 MB.
const MAX_DF_TERMS: usize = 1 << 20;

/// The online clusterer. Feed it articles in publication order with [`Clusterer::add`].
#[derive(Debug)]
pub struct Clusterer {
    params: Params,
    df: FxHashMap<u64, u32>,
    stories: Vec<StoryState>,
    postings: FxHashMap<u64, Vec<u32>>,
    /// Active stories by (last day, number): the stalest first.
    active: BTreeSet<(i64, u32)>,
    /// Dormant stories by (last day, number).
    dormant: BTreeSet<(i64, u32)>,
    lsh: LshIndex,
    /// Articles in the copy index, with their days, in the order added (the oldest expire
    /// first).
    indexed_copies: VecDeque<(i64, u32)>,
    /// Story of each article from number `base` on, and the original each copy points at
    /// ([`NONE`]: none).
    story_of: Vec<u32>,
    original_of: Vec<u32>,
    /// Articles before `base` (a resumed clusterer's checkpoint) that later articles can
    /// reach: their story and original.
    base: u32,
    old: FxHashMap<u32, (u32, u32)>,
}

impl Clusterer {
    pub fn new(params: Params) -> Self {
        Clusterer {
            params,
            df: FxHashMap::default(),
            stories: Vec::new(),
            postings: FxHashMap::default(),
            active: BTreeSet::new(),
            dormant: BTreeSet::new(),
            lsh: LshIndex::new(),
            indexed_copies: VecDeque::new(),
            story_of: Vec::new(),
            original_of: Vec::new(),
            base: 0,
            old: FxHashMap::default(),
        }
    }

    /// The settings this clusterer runs with.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Number of articles added so far (the next article's number in the stream).
    pub fn articles(&self) -> usize {
        self.base as usize + self.story_of.len()
    }

    /// Story and original ([`NONE`] when not known or none) of an article added before.
    fn article(&self, a: u32) -> (u32, u32) {
        match a.checked_sub(self.base) {
            Some(i) => (self.story_of[i as usize], self.original_of[i as usize]),
            None => self.old.get(&a).copied().unwrap_or((NONE, NONE)),
        }
    }

    /// Move an article added before to `story`.
    fn set_story(&mut self, a: u32, story: u32) {
        match a.checked_sub(self.base) {
            Some(i) => self.story_of[i as usize] = story,
            None => {
                if let Some(e) = self.old.get_mut(&a) {
                    e.0 = story;
                }
            }
        }
    }

    /// Number of stories started so far (absorbed ones included: story numbers are never
    /// reused).
    pub fn stories(&self) -> usize {
        self.stories.len()
    }

    /// The story article `article` (its number in the stream) is in now: the story it joined,
    /// or the one that absorbed that story since.
    /// `None` for an article not added, or, in a clusterer resumed from a checkpoint, one
    /// before it that nothing reaches any more.
    pub fn story_of(&self, article: u32) -> Option<u32> {
        if article as usize >= self.articles() {
            return None;
        }
        Some(self.article(article).0).filter(|&s| s != NONE)
    }

    /// Whether article `article`'s story is final: no later article can move it. Only a story
    /// of a single original can be absorbed, as long as it lives (an article dated earlier
    /// than the stream's last may still find it young enough).
    pub fn settled(&self, article: u32) -> bool {
        let Some(story) = self.story_of(article) else {
            return true;
        };
        let st = &self.stories[story as usize];
        st.life == Life::Gone || st.originals != 1 || self.params.absorb_days == 0
    }

    /// Stories that still hold state (active or dormant): what memory grows with.
    pub fn live_stories(&self) -> usize {
        self.active.len() + self.dormant.len()
    }

    /// Signatures in the copy index.
    pub fn indexed_copies(&self) -> usize {
        self.indexed_copies.len()
    }

    /// Number of stories currently active (in the candidate index).
    pub fn active_stories(&self) -> usize {
        self.active.len()
    }

    /// The whole state as bytes: a checkpoint from which [`Clusterer::from_bytes`] continues
    /// exactly as this clusterer would. The settings are not included; the caller keeps them.
    /// Only what later articles can reach is written (live stories, the copy index, the
    /// articles these point at), so its size does not grow with the stream.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u32(STATE_FORMAT);
        let mut df: Vec<(u64, u32)> = self.df.iter().map(|(&t, &n)| (t, n)).collect();
        df.sort_unstable();
        w.len(df.len());
        for (t, n) in df {
            w.u64(t);
            w.u32(n);
        }
        w.u32(self.stories.len() as u32);
        let live: BTreeSet<u32> = self
            .active
            .iter()
            .chain(&self.dormant)
            .map(|x| x.1)
            .collect();
        w.len(live.len());
        for &s in &live {
            let st = &self.stories[s as usize];
            w.u32(s);
            write_vector(&mut w, &st.centroid);
            w.f64(st.norm);
            w.i64(st.last_day);
            w.i64(st.first_day);
            w.u8(u8::from(st.life == Life::Active));
            w.u32(st.originals);
        }
        w.u32(self.articles() as u32);
        let reached = self.reached_articles(&live);
        w.len(reached.len());
        for a in reached {
            let (story, original) = self.article(a);
            w.u32(a);
            w.u32(story);
            w.u32(original);
        }
        w.len(self.indexed_copies.len());
        for &(day, item) in &self.indexed_copies {
            w.u32(item);
            w.i64(day);
            write_signature(&mut w, self.lsh.signature(item));
        }
        w.bytes
    }

    /// Articles whose story a later article can read or move: those of the copy index and
    /// their originals, and the members of live stories of a single original.
    fn reached_articles(&self, live: &BTreeSet<u32>) -> BTreeSet<u32> {
        let mut out = BTreeSet::new();
        for &(_, item) in &self.indexed_copies {
            out.insert(item);
            let o = self.article(item).1;
            if o != NONE {
                out.insert(o);
            }
        }
        for &s in live {
            out.extend(&self.stories[s as usize].members);
        }
        out
    }

    /// A clusterer resumed from [`Clusterer::to_bytes`], with the settings it was made with.
    pub fn from_bytes(params: Params, bytes: &[u8]) -> Result<Clusterer, DecodeError> {
        let mut r = Reader::new(bytes);
        if r.u32()? != STATE_FORMAT {
            return Err(DecodeError("unknown format version"));
        }
        let mut c = Clusterer::new(params);
        let n = r.len(12)?;
        c.df.reserve(n);
        for _ in 0..n {
            let t = r.u64()?;
            c.df.insert(t, r.u32()?);
        }
        c.read_stories(&mut r)?;
        c.base = r.u32()?;
        c.read_articles(&mut r)?;
        let n = r.len(4 + 8 + 1 + 4 * HASHES)?;
        for _ in 0..n {
            let item = r.u32()?;
            let day = r.i64()?;
            let sig = read_signature(&mut r)?.ok_or(DecodeError("missing signature"))?;
            if c.story_of(item).is_none() {
                return Err(DecodeError("signature of an unknown article"));
            }
            c.lsh.insert(item, sig);
            c.indexed_copies.push_back((day, item));
        }
        r.finish()?;
        let live: Vec<u32> = c.active.iter().map(|x| x.1).collect();
        for s in live {
            c.reindex(s);
        }
        Ok(c)
    }

    /// The story count and the live stories of a checkpoint.
    fn read_stories(&mut self, r: &mut Reader) -> Result<(), DecodeError> {
        let count = r.u32()? as usize;
        let n = r.len(4 + 8 + 8 + 8 + 8 + 1 + 4)?;
        if count < n {
            return Err(DecodeError("more live stories than stories"));
        }
        self.stories = (0..count).map(|_| StoryState::new(0)).collect();
        let mut prev: Option<u32> = None;
        for _ in 0..n {
            let s = r.u32()?;
            if s as usize >= count || prev.is_some_and(|p| p >= s) {
                return Err(DecodeError("live stories out of order"));
            }
            prev = Some(s);
            let st = &mut self.stories[s as usize];
            st.centroid = read_vector(r)?;
            st.norm = r.f64()?;
            st.last_day = r.i64()?;
            st.first_day = r.i64()?;
            st.life = if r.u8()? == 1 {
                Life::Active
            } else {
                Life::Dormant
            };
            st.originals = r.u32()?;
            let set = match st.life {
                Life::Active => &mut self.active,
                _ => &mut self.dormant,
            };
            set.insert((st.last_day, s));
        }
        Ok(())
    }

    /// The articles a checkpoint keeps: their stories and originals, and the members of live
    /// stories of a single original.
    fn read_articles(&mut self, r: &mut Reader) -> Result<(), DecodeError> {
        let n = r.len(12)?;
        let mut prev: Option<u32> = None;
        for _ in 0..n {
            let a = r.u32()?;
            let (story, original) = (r.u32()?, r.u32()?);
            if a >= self.base || prev.is_some_and(|p| p >= a) {
                return Err(DecodeError("articles out of order"));
            }
            prev = Some(a);
            if story as usize >= self.stories.len() || (original != NONE && original >= a) {
                return Err(DecodeError("article in an unknown story"));
            }
            self.old.insert(a, (story, original));
            let st = &mut self.stories[story as usize];
            if st.life != Life::Gone && st.originals == 1 {
                st.members.push(a);
            }
        }
        Ok(())
    }

    /// Add the next article of the stream, published on `day` (days since 1970-01-01).
    pub fn add(&mut self, f: &Features, day: i64) -> Assignment {
        let id = self.articles() as u32;
        self.retire(day);
        self.count_terms(f);
        let vector = self.vector(f);

        // A near-copy joins its original's story.
        if let Some(original) = self.find_copy(id, f, day) {
            let story = self.article(original).0;
            if self.touch(story, day) {
                // A copy wakes its original's dormant story.
                self.reindex(story);
            }
            let st = &mut self.stories[story as usize];
            if st.originals == 1 {
                st.members.push(id);
            }
            self.story_of.push(story);
            self.original_of.push(original);
            return Assignment {
                story,
                new_story: false,
                copy_of: Some(original),
                absorbed: Vec::new(),
            };
        }

        let (best, candidates) = self.best_story(&vector, day);
        let (story, new_story) = match best {
            Some(story) => (story, false),
            None => {
                self.stories.push(StoryState::new(day));
                (self.stories.len() as u32 - 1, true)
            }
        };
        self.join(story, &vector, day);
        let st = &mut self.stories[story as usize];
        st.originals += 1;
        if st.originals == 1 {
            st.members.push(id);
        } else {
            st.members = Vec::new();
        }
        self.story_of.push(story);
        self.original_of.push(NONE);
        let absorbed = if new_story {
            Vec::new()
        } else {
            self.absorb(story, &candidates, day)
        };
        self.evict_over_capacity();
        Assignment {
            story,
            new_story,
            copy_of: None,
            absorbed,
        }
    }

    /// Count the article's terms in the document frequencies, forgetting the rarest terms
    /// when there are more than [`MAX_DF_TERMS`].
    fn count_terms(&mut self, f: &Features) {
        for &(t, _) in &f.terms {
            *self.df.entry(t).or_insert(0) += 1;
        }
        bound_df(&mut self.df, MAX_DF_TERMS);
    }

    /// The original of which article `id` is a near-copy, if any, among the articles of the
    /// last `dormant_days` (and whose story still lives); its signature joins the copy index.
    fn find_copy(&mut self, id: u32, f: &Features, day: i64) -> Option<u32> {
        let sig = f.signature.as_ref()?;
        let found = self.lsh.find(sig, self.params.copy_similarity);
        self.lsh.insert(id, sig.clone());
        self.indexed_copies.push_back((day, id));
        let (item, _) = found?;
        let (story, original) = self.article(item);
        let original = if original == NONE { item } else { original };
        let alive = story != NONE && self.stories[story as usize].life != Life::Gone;
        alive.then_some(original)
    }

    /// After an article joined `story`: absorb those of its other `candidates` that hold a
    /// single article (copies aside) of at most `absorb_days` ago and whose cosine with the
    /// grown centroid reaches `threshold`, in candidate order. Returns them.
    fn absorb(&mut self, story: u32, candidates: &[u32], day: i64) -> Vec<u32> {
        let mut absorbed = Vec::new();
        if self.params.absorb_days == 0 {
            return absorbed;
        }
        for &c in candidates {
            let (st, other) = (&self.stories[story as usize], &self.stories[c as usize]);
            let lone = c != story
                && other.life == Life::Active
                && other.originals == 1
                && other.norm > 0.0
                && day - other.first_day <= self.params.absorb_days;
            if !lone
                || sparse_dot(&other.centroid, &st.centroid) / (other.norm * st.norm)
                    < self.params.threshold
            {
                continue;
            }
            self.deactivate(c);
            let other = &mut self.stories[c as usize];
            let centroid = std::mem::take(&mut other.centroid);
            let members = std::mem::take(&mut other.members);
            let (first_day, last_day) = (other.first_day, other.last_day);
            other.bury();
            other.originals = 0;
            for &m in &members {
                self.set_story(m, story);
            }
            self.join(story, &centroid, last_day);
            let st = &mut self.stories[story as usize];
            st.first_day = st.first_day.min(first_day);
            st.originals += 1;
            // Of two originals or more: never absorbed, so its articles never move.
            st.members = Vec::new();
            absorbed.push(c);
        }
        absorbed
    }

    /// The article's unit TF-IDF vector over its strongest terms, sorted by key.
    fn vector(&self, f: &Features) -> Vec<(u64, f32)> {
        // Articles so far, this one included.
        let n = (self.articles() + 1) as f64;
        let mut v: Vec<(u64, f32)> = f
            .terms
            .iter()
            .map(|&(t, c)| {
                let df = f64::from(self.df.get(&t).copied().unwrap_or(1));
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                (t, ((1.0 + f64::from(c).ln()) * idf) as f32)
            })
            .collect();
        keep_strongest(&mut v, self.params.article_terms);
        let norm = v
            .iter()
            .map(|&(_, w)| f64::from(w) * f64::from(w))
            .sum::<f64>()
            .sqrt();
        if norm > 0.0 {
            for x in &mut v {
                x.1 = (f64::from(x.1) / norm) as f32;
            }
        }
        v.sort_unstable_by_key(|x| x.0);
        v
    }

    /// The story the article joins, if any, and the candidate stories it was chosen from (by
    /// index overlap, the best first).
    fn best_story(&self, vector: &[(u64, f32)], day: i64) -> (Option<u32>, Vec<u32>) {
        // Candidates: active stories indexed under the article's terms, by summed weight.
        let mut overlap: FxHashMap<u32, f32> = FxHashMap::default();
        for &(t, w) in vector {
            if let Some(list) = self.postings.get(&t) {
                for &s in list {
                    *overlap.entry(s).or_insert(0.0) += w;
                }
            }
        }
        let mut cands: Vec<(u32, f32)> = overlap.into_iter().collect();
        cands.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(self.params.candidates);
        let cands: Vec<u32> = cands.into_iter().map(|c| c.0).collect();
        let mut best: Option<(u32, f64)> = None;
        for &s in &cands {
            let st = &self.stories[s as usize];
            if st.norm == 0.0 {
                continue;
            }
            let dot = sparse_dot(vector, &st.centroid);
            let gap = (day - st.last_day).max(0) as f64;
            let score = dot / st.norm / (1.0 + gap / self.params.decay_days);
            let bar = (self.params.cohesion * st.member_score())
                .min(COHESION_CAP * self.params.threshold);
            if score < bar {
                continue;
            }
            let better = match best {
                None => true,
                Some((b, bs)) => score > bs || (score == bs && s < b),
            };
            if better {
                best = Some((s, score));
            }
        }
        let best = best
            .filter(|&(_, score)| score >= self.params.threshold)
            .map(|(s, _)| s);
        (best, cands)
    }

    fn join(&mut self, story: u32, vector: &[(u64, f32)], day: i64) {
        let limit = self.params.centroid_terms;
        let st = &mut self.stories[story as usize];
        st.centroid = sparse_add(&st.centroid, vector);
        if st.centroid.len() > 2 * limit {
            keep_strongest(&mut st.centroid, limit);
            st.centroid.sort_unstable_by_key(|x| x.0);
        }
        st.norm = st
            .centroid
            .iter()
            .map(|&(_, w)| f64::from(w) * f64::from(w))
            .sum::<f64>()
            .sqrt();
        self.touch(story, day);
        // Its strongest terms may have changed.
        self.reindex(story);
    }

    /// Record activity on a story: it is active, with `day` as its last day if later. True when
    /// it was not active before (the caller indexes it).
    fn touch(&mut self, story: u32, day: i64) -> bool {
        let st = &mut self.stories[story as usize];
        match st.life {
            Life::Active => self.active.remove(&(st.last_day, story)),
            Life::Dormant => self.dormant.remove(&(st.last_day, story)),
            Life::Gone => false,
        };
        st.last_day = st.last_day.max(day);
        self.active.insert((st.last_day, story));
        std::mem::replace(&mut st.life, Life::Active) != Life::Active
    }

    /// Put a story's strongest terms in the candidate index (and take out those that no longer
    /// are).
    fn reindex(&mut self, story: u32) {
        let st = &mut self.stories[story as usize];
        let mut top: Vec<(u64, f32)> = st.centroid.clone();
        keep_strongest(&mut top, self.params.indexed_terms);
        let mut terms: Vec<u64> = top.into_iter().map(|x| x.0).collect();
        terms.sort_unstable();
        let old = std::mem::take(&mut st.indexed);
        for t in old.iter().filter(|t| terms.binary_search(t).is_err()) {
            if let Some(list) = self.postings.get_mut(t) {
                list.retain(|&s| s != story);
            }
        }
        for &t in terms.iter().filter(|t| old.binary_search(t).is_err()) {
            self.postings.entry(t).or_default().push(story);
        }
        self.stories[story as usize].indexed = terms;
    }

    /// Take a story out of the active set and the candidate index.
    fn deactivate(&mut self, story: u32) {
        let st = &mut self.stories[story as usize];
        self.active.remove(&(st.last_day, story));
        st.life = Life::Dormant;
        for t in std::mem::take(&mut st.indexed) {
            if let Some(list) = self.postings.get_mut(&t) {
                list.retain(|&s| s != story);
                if list.is_empty() {
                    self.postings.remove(&t);
                }
            }
        }
    }

    /// Stories without an article for `dormant_days` before `day` are gone (active ones leave
    /// the index, dormant ones their centroid), and the copy index forgets the articles of
    /// before then: a copy of one starts or joins a story by its content.
    fn retire(&mut self, day: i64) {
        let horizon = day.saturating_sub(self.params.dormant_days);
        while let Some(&(last, story)) = self.active.first() {
            if last >= horizon {
                break;
            }
            self.deactivate(story);
            self.stories[story as usize].bury();
        }
        while let Some(&(last, story)) = self.dormant.first() {
            if last >= horizon {
                break;
            }
            self.dormant.pop_first();
            self.stories[story as usize].bury();
        }
        while let Some(&(day, item)) = self.indexed_copies.front() {
            if day >= horizon {
                break;
            }
            self.indexed_copies.pop_front();
            self.lsh.remove(item);
        }
    }

    /// The stalest active stories over `max_active` go dormant, with only their strongest
    /// terms (enough to be found again when a copy wakes them).
    fn evict_over_capacity(&mut self) {
        while self.active.len() > self.params.max_active {
            if let Some(&(last, story)) = self.active.first() {
                self.deactivate(story);
                let keep = self
                    .params
                    .centroid_terms
                    .min(4 * self.params.indexed_terms);
                let st = &mut self.stories[story as usize];
                keep_strongest(&mut st.centroid, keep);
                st.centroid.sort_unstable_by_key(|x| x.0);
                st.centroid.shrink_to_fit();
                self.dormant.insert((last, story));
            }
        }
    }
}

/// Past `max` terms, forget the rarest (seen once, then twice, ...) until at most half are
/// left: whatever the order of the map, the same terms go.
fn bound_df(df: &mut FxHashMap<u64, u32>, max: usize) {
    if df.len() > max {
        let mut rare = 1;
        while df.len() > max / 2 {
            df.retain(|_, n| *n > rare);
            rare += 1;
        }
    }
}

/// Dot product of two vectors sorted by key.
fn sparse_dot(a: &[(u64, f32)], b: &[(u64, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Sum of two vectors sorted by key, sorted by key.
fn sparse_add(a: &[(u64, f32)], b: &[(u64, f32)]) -> Vec<(u64, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Keep the `k` strongest entries (ties: the smaller key), in no particular order.
fn keep_strongest(v: &mut Vec<(u64, f32)>, k: usize) {
    if v.len() > k {
        let order = |a: &(u64, f32), b: &(u64, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        v.select_nth_unstable_by(k - 1, order);
        v.truncate(k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAM: &[&str] = &[
        "The Vell dam collapsed on Sunday, flooding the valley town. Engineers at the Vell reservoir had warned of cracks in the spillway for months.",
        "Flood waters from the collapsed Vell dam covered the valley on Sunday. Residents said engineers had warned about the spillway cracks.",
        "Rescue teams searched the flooded valley below the Vell dam on Monday as the reservoir kept draining through the broken spillway.",
    ];
    const PORT: &[&str] = &[
        "Dockworkers at the port of Saltmere walked off the job at midnight, demanding higher pay and limits on automation at the container terminals.",
        "The Saltmere port strike entered its second day as dockworkers picketed the container terminals over pay and automation.",
    ];

    fn run(items: &[(&str, i64)], params: Params) -> Vec<Assignment> {
        let mut c = Clusterer::new(params);
        items
            .iter()
            .map(|(t, d)| c.add(&features(None, t), *d))
            .collect()
    }

    #[test]
    fn articles_on_one_event_share_a_story_and_others_do_not() {
        let items = [
            (DAM[0], 100),
            (PORT[0], 100),
            (DAM[1], 101),
            (PORT[1], 102),
            (DAM[2], 102),
        ];
        let a = run(&items, Params::default());
        let stories: Vec<u32> = a.iter().map(|x| x.story).collect();
        assert_eq!(stories, vec![0, 1, 0, 1, 0]);
        assert!(a[0].new_story && a[1].new_story && !a[2].new_story);
        // Same stream, same stories.
        assert_eq!(run(&items, Params::default()), a);
    }

    #[test]
    fn a_copy_joins_its_original_and_says_so() {
        let long = DAM[0].repeat(3);
        let items = [(long.as_str(), 100), (PORT[0], 100), (long.as_str(), 103)];
        let a = run(&items, Params::default());
        assert_eq!(a[2].story, a[0].story);
        assert_eq!(a[2].copy_of, Some(0));
        assert_eq!(a[0].copy_of, None);
    }

    #[test]
    fn old_stories_go_dormant() {
        let params = Params {
            dormant_days: 30,
            ..Params::default()
        };
        let a = run(&[(DAM[0], 100), (DAM[1], 200)], params.clone());
        assert_ne!(a[0].story, a[1].story, "a year-old story is dormant");
        let b = run(&[(DAM[0], 100), (DAM[1], 110)], params);
        assert_eq!(b[0].story, b[1].story);
    }

    #[test]
    fn active_stories_are_capped() {
        let params = Params {
            max_active: 1,
            ..Params::default()
        };
        let mut c = Clusterer::new(params);
        c.add(&features(None, DAM[0]), 100);
        c.add(&features(None, PORT[0]), 100);
        assert_eq!(c.active_stories(), 1);
        // The dam story was evicted: a new dam article starts a new story.
        assert!(c.add(&features(None, DAM[1]), 101).new_story);
    }

    #[test]
    fn a_resumed_clusterer_continues_exactly() {
        let stream: Vec<(String, i64)> = DAM
            .iter()
            .chain(PORT)
            .enumerate()
            .map(|(i, t)| (t.repeat(1 + i % 2), 100 + i as i64))
            .collect();
        let params = Params {
            dormant_days: 2,
            ..Params::default()
        };
        let whole = run(
            &stream
                .iter()
                .map(|(t, d)| (t.as_str(), *d))
                .collect::<Vec<_>>(),
            params.clone(),
        );
        for cut in 0..stream.len() {
            let mut c = Clusterer::new(params.clone());
            let mut got = Vec::new();
            for (t, d) in &stream[..cut] {
                got.push(c.add(&features(None, t), *d));
            }
            let bytes = c.to_bytes();
            let mut resumed = Clusterer::from_bytes(params.clone(), &bytes).expect("decodes");
            assert_eq!(resumed.to_bytes(), bytes, "checkpoint at {cut} round-trips");
            for (t, d) in &stream[cut..] {
                let f = Features::from_bytes(&features(None, t).to_bytes()).expect("decodes");
                got.push(resumed.add(&f, *d));
            }
            assert_eq!(got, whole, "resumed after {cut} articles");
        }
    }

    #[test]
    fn damaged_bytes_are_an_error_not_a_panic() {
        let mut c = Clusterer::new(Params::default());
        c.add(&features(None, &DAM[0].repeat(2)), 100);
        let bytes = c.to_bytes();
        for cut in 0..bytes.len() {
            assert!(Clusterer::from_bytes(Params::default(), &bytes[..cut]).is_err());
        }
        let f = features(None, DAM[1]).to_bytes();
        for cut in 0..f.len() {
            assert!(Features::from_bytes(&f[..cut]).is_err());
        }
        assert!(Features::from_bytes(&[9, 9, 9, 9]).is_err());
    }

    #[test]
    fn title_words_weigh_double() {
        let f = features(
            Some("Dam"),
            "The dam broke. Officials in Vell said 12 dams broke.",
        );
        let key = |w: &str| crate::text::stem_key(w).0;
        let weight = |w: &str| f.terms.iter().find(|t| t.0 == key(w)).map(|t| t.1);
        assert_eq!(weight("dam"), Some(4.0)); // title (2) + "dam" + "dams"
        assert_eq!(weight("vell"), Some(1.0));
        assert_eq!(weight("the"), None); // stop word
        assert_eq!(weight("12"), None); // numbers are no topic
    }

    /// Matches no story when it comes, and a later dam article that mentions it.
    const INSPECTION: &str = "Inspectors filed a report in March that found corroded gates on the spillway and urged urgent repair of the gates.";
    const BRIDGE: &str = "Flood waters from the collapsed Vell dam covered the valley town on Monday as engineers at the Vell reservoir searched for cracks. A report filed in March had found corroded gates on the spillway and urged repair.";

    #[test]
    fn a_lone_article_is_absorbed_when_a_story_grows_to_match_it() {
        let inspection = INSPECTION.repeat(3);
        let stream = [
            (DAM[0], 100),
            (DAM[1], 101),
            (inspection.as_str(), 102),
            (inspection.as_str(), 103), // a copy: it moves with its original
            (PORT[0], 103),
            (BRIDGE, 104),
        ];
        let run_with = |params: Params| {
            let mut c = Clusterer::new(params);
            let a: Vec<Assignment> = stream
                .iter()
                .map(|(t, d)| c.add(&features(None, t), *d))
                .collect();
            let now: Vec<u32> = (0..stream.len() as u32)
                .map(|n| c.story_of(n).expect("added"))
                .collect();
            (a, now, c)
        };
        let (a, now, c) = run_with(Params::default());
        assert!(a[2].new_story, "the report matches no story when it comes");
        assert_eq!(a[3].copy_of, Some(2));
        assert_eq!(
            a[5].story, a[0].story,
            "the bridging article joins the dam story"
        );
        assert_eq!(a[5].absorbed, vec![a[2].story]);
        let dam = a[0].story;
        assert_eq!(now, vec![dam, dam, dam, dam, a[4].story, dam]);
        assert_eq!(c.active_stories(), 2, "the absorbed story is gone");
        // Resumed from a checkpoint after any article, the clusterer absorbs the same way.
        for cut in 0..=stream.len() {
            let mut part = Clusterer::new(Params::default());
            let mut got = Vec::new();
            for (t, d) in &stream[..cut] {
                got.push(part.add(&features(None, t), *d));
            }
            let bytes = part.to_bytes();
            let mut resumed = Clusterer::from_bytes(Params::default(), &bytes).expect("decodes");
            assert_eq!(resumed.to_bytes(), bytes);
            for (t, d) in &stream[cut..] {
                got.push(resumed.add(&features(None, t), *d));
            }
            assert_eq!(got, a, "resumed after {cut} articles");
            assert_eq!(resumed.to_bytes(), c.to_bytes());
        }

        // Without absorbing, or once the report is older than `absorb_days`, it stays alone.
        for absorb_days in [0, 1] {
            let (a, now, _) = run_with(Params {
                absorb_days,
                ..Params::default()
            });
            assert_eq!(a[5].story, a[0].story);
            assert!(a[5].absorbed.is_empty(), "absorb_days {absorb_days}");
            assert_eq!(now[2], a[2].story);
        }
    }

    #[test]
    fn a_story_of_two_articles_is_never_absorbed() {
        const SECOND_REPORT: &str = "The March report by inspectors on the spillway found the gates corroded and called their repair urgent.";
        let run_with = |reports: &[&'static str]| {
            let mut c = Clusterer::new(Params::default());
            let mut stream: Vec<&str> = reports.to_vec();
            stream.extend([DAM[0], DAM[1], BRIDGE]);
            stream
                .iter()
                .enumerate()
                .map(|(i, t)| c.add(&features(None, t), 100 + i as i64))
                .collect::<Vec<Assignment>>()
        };
        // One report: the dam story, grown by the bridging article, absorbs it.
        let one = run_with(&[INSPECTION]);
        assert_eq!(one[3].absorbed, vec![one[0].story]);
        // Two reports make a story of two articles, which stays even though the grown dam
        // story resembles it as much (checked: allowing two articles absorbs it).
        let two = run_with(&[INSPECTION, SECOND_REPORT]);
        assert_eq!(two[1].story, two[0].story);
        assert_eq!(two[4].story, two[2].story);
        assert!(two[4].absorbed.is_empty());
    }

    #[test]
    fn a_story_typical_member_score_follows_its_spread() {
        let story = |vectors: &[Vec<(u64, f32)>]| {
            let centroid = vectors.iter().fold(Vec::new(), |c, v| sparse_add(&c, v));
            let norm = sparse_dot(&centroid, &centroid).sqrt();
            StoryState {
                centroid,
                norm,
                indexed: Vec::new(),
                last_day: 0,
                first_day: 0,
                life: Life::Active,
                members: Vec::new(),
                originals: vectors.len() as u32,
            }
        };
        let r = std::f32::consts::FRAC_1_SQRT_2;
        // Two articles at cosine 0.5 (one shared term of two): a third like them has dot 1
        // with the sum, whose norm is sqrt(3).
        let loose = story(&[vec![(1, r), (2, r)], vec![(1, r), (3, r)]]);
        assert!((loose.member_score() - 1.0 / 3f64.sqrt()).abs() < 1e-6);
        // The same two articles: a third like them scores 1.
        let tight = story(&[vec![(1, r), (2, r)], vec![(1, r), (2, r)]]);
        assert!((tight.member_score() - 1.0).abs() < 1e-6);
        // Nothing shared: no bar beyond the threshold; one article: none either.
        assert!(story(&[vec![(1, 1.0)], vec![(2, 1.0)]]).member_score() < 1e-6);
        assert_eq!(story(&[vec![(1, 1.0)]]).member_score(), 0.0);
    }

    #[test]
    fn a_tight_story_does_not_take_a_report_of_another_event_of_its_kind() {
        // Two reports of one dam failure, told in much the same words, then a report of a
        // failure at another dam that shares their subject but not their event.
        const FIRST: &str = "The Vell dam collapsed on Sunday after engineers at the Vell reservoir warned of spillway cracks; the valley town of Orrin was flooded.";
        const SECOND: &str = "Orrin, the valley town below the Vell reservoir, was flooded when the Vell dam collapsed on Sunday; engineers had warned of cracks in its spillway.";
        const OTHER: &str = "Cracks were found in the spillway of the Marrow dam in Teel, where farmers below the reservoir were told to move their cattle.";
        let items = [(FIRST, 100), (SECOND, 100), (OTHER, 101)];
        let strict = run(&items, Params::default());
        assert_eq!(strict[1].story, strict[0].story);
        assert!(strict[2].new_story, "another event of the same kind");
        // The article does pass the threshold: without the bar it joins.
        let loose = run(
            &items,
            Params {
                cohesion: 0.0,
                ..Params::default()
            },
        );
        assert_eq!(loose[2].story, loose[0].story);
    }

    #[test]
    fn page_furniture_does_not_make_stories_alike() {
        // A web archive's notice in place of two different pages: cleaned away, so neither
        // brings terms, and they do not become one story.
        const NOTICE: &str = "These crawls are part of a project to archive news pages as they appear, with every URL they link to.\nThe WARC files of this crawl are kept in the archive's collection.";
        let f = features(None, NOTICE);
        assert!(f.terms.is_empty() && f.signature.is_none());
        let a = run(&[(NOTICE, 100), (NOTICE, 100)], Params::default());
        assert!(a[0].new_story && a[1].new_story);
        // Around an article, the notice's words do not count.
        let page = format!("{NOTICE}\n{}", DAM[0]);
        assert_eq!(features(None, &page).terms, features(None, DAM[0]).terms);
    }

    /// An invented word for a number: letters only, never a stop word.
    fn word(n: usize) -> String {
        let mut w = String::from("zq");
        let mut n = n + 1;
        while n > 0 {
            w.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
        }
        w
    }

    /// Article `i` of a long stream: stories of three articles (story `i / 3`, so its topic
    /// words, from a pool that comes round again after 250 stories), each with words of its
    /// own from a pool of 400, one day per story.
    fn long_article(i: usize) -> (String, i64) {
        let topic = i / 3;
        let text: Vec<String> = (0..24)
            .map(|k| {
                if k % 3 == 2 {
                    word(100_000 + (i * 7 + k * 13) % 400)
                } else {
                    word((topic * 16 + k % 16) % 4000)
                }
            })
            .collect();
        (text.join(" ") + ".", topic as i64)
    }

    fn long_params() -> Params {
        Params {
            dormant_days: 20,
            absorb_days: 5,
            max_active: 8,
            ..Params::default()
        }
    }

    #[test]
    fn a_story_without_articles_for_dormant_days_keeps_no_state() {
        let long = DAM[0].repeat(3);
        let params = Params {
            dormant_days: 30,
            ..Params::default()
        };
        let mut c = Clusterer::new(params);
        let first = c.add(&features(None, &long), 100);
        assert_eq!(c.add(&features(None, &long), 130).copy_of, Some(0));
        assert_eq!((c.live_stories(), c.indexed_copies()), (1, 2));
        // 31 days after its last article the story is gone, and so are the signatures: a copy
        // of its articles starts a story by its content.
        let late = c.add(&features(None, &long), 161);
        assert_eq!(late.copy_of, None);
        assert!(late.new_story && late.story != first.story);
        assert_eq!((c.live_stories(), c.indexed_copies()), (1, 1));
        assert!(c.stories[first.story as usize].centroid.is_empty());
        // Its articles keep their story.
        assert_eq!(c.story_of(1), Some(first.story));
    }

    #[test]
    fn an_evicted_story_keeps_a_pruned_centroid_until_a_copy_wakes_it() {
        let long = DAM[0].repeat(3);
        let params = Params {
            max_active: 1,
            ..Params::default()
        };
        let mut c = Clusterer::new(params.clone());
        let dam = c.add(&features(None, &long), 100).story;
        c.add(&features(None, PORT[0]), 101);
        let st = &c.stories[dam as usize];
        assert_eq!(st.life, Life::Dormant);
        assert!(!st.centroid.is_empty() && st.centroid.len() <= 4 * params.indexed_terms);
        let woken = c.add(&features(None, &long), 102);
        assert_eq!((woken.story, woken.copy_of), (dam, Some(0)));
        assert_eq!(c.stories[dam as usize].life, Life::Active);
    }

    #[test]
    fn the_checkpoint_does_not_grow_with_the_stream() {
        let mut c = Clusterer::new(long_params());
        let mut sizes = Vec::new();
        for i in 0..3000 {
            let (text, day) = long_article(i);
            c.add(&features(None, &text), day);
            if i % 1000 == 999 {
                sizes.push(c.to_bytes().len());
            }
        }
        assert!(c.stories() > 900, "{} stories", c.stories());
        assert!(c.live_stories() <= 30, "{} live", c.live_stories());
        let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
        assert!(max - min < min / 20, "checkpoint sizes {sizes:?}");
    }

    #[test]
    fn settled_articles_never_move_and_a_resumed_long_stream_continues_exactly() {
        let params = long_params();
        let stream: Vec<(String, i64)> = (0..400).map(long_article).collect();
        let mut whole = Clusterer::new(params.clone());
        let mut assignments = Vec::new();
        let mut settled: Vec<(u32, u32)> = Vec::new();
        for (i, (t, d)) in stream.iter().enumerate() {
            assignments.push(whole.add(&features(None, t), *d));
            for a in 0..=i as u32 {
                if whole.settled(a) {
                    settled.push((a, whole.story_of(a).expect("added")));
                }
            }
        }
        for (a, story) in settled {
            assert_eq!(whole.story_of(a), Some(story), "settled article {a} moved");
        }
        assert!(!whole.settled(399), "the last story is still young");
        for cut in [1, 57, 200, 399] {
            let mut part = Clusterer::new(params.clone());
            for (t, d) in &stream[..cut] {
                part.add(&features(None, t), *d);
            }
            let mut resumed = Clusterer::from_bytes(params.clone(), &part.to_bytes()).unwrap();
            let got: Vec<Assignment> = stream[cut..]
                .iter()
                .map(|(t, d)| resumed.add(&features(None, t), *d))
                .collect();
            assert_eq!(got, assignments[cut..], "resumed after {cut}");
            assert_eq!(resumed.to_bytes(), whole.to_bytes());
        }
    }

    #[test]
    fn the_rarest_terms_are_forgotten_past_the_bound() {
        let mut df: FxHashMap<u64, u32> = (0..10).map(|t| (t, 1 + t as u32 % 3)).collect();
        bound_df(&mut df, 20);
        assert_eq!(df.len(), 10, "under the bound nothing goes");
        bound_df(&mut df, 8);
        // Those seen once go (4 of 10), then those seen twice (3): 3 left, at most 4.
        let mut left: Vec<u64> = df.keys().copied().collect();
        left.sort_unstable();
        assert_eq!(left, vec![2, 5, 8]);
    }
}
