use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{LazyLock, OnceLock};

use rust_stemmers::{Algorithm, Stemmer};

use crate::model::{Span, Token};

/// NLTK's English stop words (`stop-words`) and news words that carry no content of their own
/// (reporting verbs, titles, fillers).
static STOP: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut stop: FxHashSet<String> = stop_words::get(stop_words::LANGUAGE::English)
        .into_iter()
        .map(String::from)
        .collect();
    stop.extend(
        [
            "said", "says", "say", "told", "also", "would", "could", "one", "two", "mr", "mrs",
            "ms", "dr", "per", "cent", "percent", "may", "might", "must", "shall", "will", "us",
            "according", "new", "year", "years", "last", "first", "since", "yet",
        ]
        .map(String::from),
    );
    stop
});

/// Language resources: the Snowball English stemmer and the stop-word list ([`STOP`]).
pub struct Lexicon {
    stemmer: Stemmer,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("stop_words", &STOP.len())
            .finish()
    }
}

impl Lexicon {
    /// The English lexicon, shared by all threads.
    pub fn english() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
            stemmer: Stemmer::create(Algorithm::English),
        });
        &LEXICON
    }

    /// Is the lower-cased word a stop word?
    pub fn is_stop(&self, lower: &str) -> bool {
        STOP.contains(lower)
    }

    /// [`Lexicon::stem`] written into `out` (cleared first).
    fn stem_bytes(&self, lower: &str, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(self.stem(lower).as_bytes());
    }

    /// The stem of a lower-cased word (numbers and mixed tokens are kept as they are).
    pub fn stem<'a>(&self, lower: &'a str) -> std::borrow::Cow<'a, str> {
        if lower.chars().all(char::is_alphabetic) {
            self.stemmer.stem(lower)
        } else {
            std::borrow::Cow::Borrowed(lower)
        }
    }
}

/// Strings one after another in one buffer, numbered from 0 in the order they were added: a
/// new one costs a copy, not an allocation. The stems of [`Memo`] and the terms of [`Vocab`].
#[derive(Debug, Clone, Default)]
struct Texts {
    all: String,
    /// Where each string ends in `all` (the next one starts there).
    ends: Vec<usize>,
}

impl Texts {
    fn len(&self) -> usize {
        self.ends.len()
    }
    /// String `id`, or "" past the last.
    fn get(&self, id: u32) -> &str {
        let id = id as usize;
        let Some(&end) = self.ends.get(id) else {
            return "";
        };
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.all[start..end]
    }
    /// Add `text`; its id.
    fn push(&mut self, text: &str) -> u32 {
        let id = self.ends.len() as u32;
        self.all.push_str(text);
        self.ends.push(self.all.len());
        id
    }
    /// An index of every string by its [`text_hash`].
    fn index(&self) -> hashbrown::HashTable<u32> {
        let mut table = hashbrown::HashTable::with_capacity(self.len());
        for id in 0..self.len() as u32 {
            self.add_to(&mut table, id);
        }
        table
    }
    /// Record string `id` in `index`.
    fn add_to(&self, index: &mut hashbrown::HashTable<u32>, id: u32) {
        index.insert_unique(text_hash(self.get(id)), id, |&t| text_hash(self.get(t)));
    }
    /// The id of `text` in `index`.
    fn find(&self, index: &hashbrown::HashTable<u32>, text: &str) -> Option<u32> {
        index
            .find(text_hash(text), |&t| self.get(t) == text)
            .copied()
    }
}

/// Per-thread memo of the lexicon, shared by every story a thread analyses: each distinct
/// lower-cased word is stemmed once, and each distinct stem is stored once with a thread-wide
/// id. Pure memoisation of [`Lexicon::stem`] and [`Lexicon::is_stop`]; bounded.
///
/// Texts live in two buffers (one for long words, one for stems) and the tables hold offsets
/// into them: a new word costs a copy, not an allocation, and the memo frees in a few calls.
struct Memo {
    /// Case-folded words of at most 7 bytes, keyed by [`short_key`] (one multiply to hash,
    /// one compare to check): (stem id, stop word?). Most words of running text.
    short: FxHashMap<u64, (u32, bool)>,
    /// Longer case-folded words, whose texts are `long_text[start..end]`.
    long: hashbrown::HashTable<LongWord>,
    long_text: String,
    /// The stems, by stem id.
    stems: Texts,
    /// Stem ids by their text.
    stem_ids: hashbrown::HashTable<u32>,
    /// [`stable_hash`] of each stem, by stem id.
    keys: Vec<u64>,
    /// By stem id: the stamp of the vocabulary that last took the stem as a term, and that
    /// term's id there. A dense array, so that a token finds its story's term with one load
    /// instead of a hash probe; stamps tell the stories apart.
    taken: Vec<(u32, u32)>,
    /// The stamp last handed to a vocabulary (stamps start at 1; 0 is nobody's).
    last_stamp: u32,
    /// This memo's number among all threads' memos (from 1): which memo a [`Vocab`]'s
    /// stem ids and stamp belong to.
    instance: u64,
    /// Where a word is stemmed before its stem is looked up.
    scratch: Vec<u8>,
    /// Words held at most: the word tables are cleared when they reach it ([`MEMO_LIMIT`]).
    limit: usize,
    /// [`tokenize`]'s buffer for case-folding a word, kept from one sentence to the next.
    fold: String,
}

/// A long word of [`Memo::long`]: its text in [`Memo::long_text`], its stem and stop flag.
/// The offsets sit in the table itself rather than in a [`Texts`] (as stems and terms do): the
/// tokenizer's look-up then reads no second vector (a `Texts` here cost 0.8% more
/// instructions on Multi-News).
#[derive(Debug, Clone, Copy)]
struct LongWord {
    start: usize,
    end: usize,
    stem: u32,
    stop: bool,
}

/// A number for a new [`Memo`] instance (never 0, never reused).
fn new_instance() -> u64 {
    static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Default for Memo {
    fn default() -> Self {
        Memo {
            short: Default::default(),
            long: Default::default(),
            long_text: String::new(),
            stems: Texts::default(),
            stem_ids: Default::default(),
            keys: Vec::new(),
            taken: Vec::new(),
            last_stamp: 0,
            instance: new_instance(),
            scratch: Vec::new(),
            limit: MEMO_LIMIT,
            fold: String::new(),
        }
    }
}

const MEMO_LIMIT: usize = 200_000;
thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// Interns terms (stems) of one story as dense `u32` ids, in order of first appearance, so that
/// ids are deterministic for a given input (they do not depend on what else a thread analysed).
#[derive(Default)]
pub struct Vocab {
    /// [`Memo::instance`] of the memo whose [`Memo::taken`] records this vocabulary's terms
    /// under `stamp` (0: none yet). The memo is the tokenizing thread's, so one vocabulary is
    /// filled by [`tokenize`] on one thread (as [`crate::analyze`] does).
    memo: u64,
    /// This vocabulary's stamp in that memo (see [`Memo::taken`]).
    stamp: u32,
    /// Whether some term is missing from the memo's record under `stamp` (interned by its text
    /// alone, through another thread's memo, or under an earlier stamp): when none is, and no
    /// other vocabulary took a stamp since, a stem not recorded under `stamp` is in no term.
    outside_local: bool,
    /// The terms' texts, by term id.
    terms: Texts,
    /// Term ids by their text, built on the first lookup by text: summarizing alone never
    /// needs it.
    by_text: OnceLock<hashbrown::HashTable<u32>>,
}

impl Clone for Vocab {
    /// The clone shares no stamp with the original: it finds the terms it has by their text
    /// when it goes on tokenizing, so the two never write each other's record.
    fn clone(&self) -> Self {
        let by_text = match self.by_text.get() {
            Some(t) => OnceLock::from(t.clone()),
            None => OnceLock::new(),
        };
        Vocab {
            memo: 0,
            stamp: 0,
            outside_local: true,
            terms: self.terms.clone(),
            by_text,
        }
    }
}

impl std::fmt::Debug for Vocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocab").field("terms", &self.len()).finish()
    }
}

/// The hash of a text in the indexes of [`Texts`] and in [`Memo::long`].
fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl Vocab {
    pub fn new() -> Self {
        Self::default()
    }
    fn by_text(&self) -> &hashbrown::HashTable<u32> {
        self.by_text.get_or_init(|| self.terms.index())
    }
    /// The id of `term` in a built text index.
    fn find_text(&self, table: &hashbrown::HashTable<u32>, term: &str) -> Option<u32> {
        self.terms.find(table, term)
    }
    /// Intern a term by its text.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(id) = self.find_text(self.by_text(), term) {
            return id;
        }
        self.outside_local = true;
        self.push(term)
    }
    /// Append a term that is not in the vocabulary.
    fn push(&mut self, text: &str) -> u32 {
        let id = self.terms.push(text);
        if let Some(table) = self.by_text.get_mut() {
            self.terms.add_to(table, id);
        }
        id
    }
    /// The term of the memo's stem `memo_id`, interned on first sight.
    #[inline(always)]
    fn intern_memo(&mut self, memo: &mut Memo, memo_id: u32) -> u32 {
        if memo.instance != self.memo || self.stamp != memo.last_stamp {
            self.take_stamp(memo);
        }
        let (stamp, term) = memo.taken[memo_id as usize];
        if stamp == self.stamp {
            return term;
        }
        // Without a text index every term came through the memo under this stamp, one per
        // stem: a stem not recorded under it is a new term.
        let text = memo.stem(memo_id);
        let known = self.by_text.get().and_then(|t| self.find_text(t, text));
        let id = known.unwrap_or_else(|| self.push(text));
        memo.taken[memo_id as usize] = (self.stamp, id);
        id
    }
    /// Start recording this vocabulary's terms in `memo` under a new stamp: on first use, on
    /// another thread, or after another vocabulary took a stamp in between (its records may
    /// have replaced ours). Terms already held are found by their text from then on.
    #[cold]
    fn take_stamp(&mut self, memo: &mut Memo) {
        if !self.is_empty() {
            self.by_text();
            self.outside_local = true;
        }
        if memo.last_stamp == u32::MAX {
            // Stamps would repeat: the memo becomes a new instance, so that no vocabulary
            // stamped before mistakes a new record for its own.
            memo.taken.fill((0, 0));
            memo.last_stamp = 0;
            memo.instance = new_instance();
        }
        memo.last_stamp += 1;
        self.memo = memo.instance;
        self.stamp = memo.last_stamp;
    }
    /// The id of a term (a stem), if the vocabulary has it.
    pub fn id(&self, term: &str) -> Option<u32> {
        self.find_text(self.by_text(), term)
    }
    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id)
    }
    pub fn len(&self) -> usize {
        self.terms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.terms.len() == 0
    }
}

/// Byte ranges of the words of `text`: runs of letters and digits, joined across an apostrophe
/// between letters ("minister's", "don't"), a period between letters ("U.S"), and a period or
/// comma between digits ("1.5", "12,000"). Everything else separates words.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    classified_word_spans(text).map(|(s, e, _)| (s, e))
}

/// Whether character `c` between `prev` and `next` joins them into one word: an apostrophe
/// between letters, a period between letters or between digits, a comma between digits.
fn joins(prev: char, c: char, next: Option<char>) -> bool {
    match (c, next) {
        ('\'' | '’', Some(n)) => prev.is_alphabetic() && n.is_alphabetic(),
        ('.', Some(n)) => {
            (prev.is_ascii_digit() && n.is_ascii_digit())
                || (prev.is_alphabetic() && n.is_alphabetic())
        }
        (',', Some(n)) => prev.is_ascii_digit() && n.is_ascii_digit(),
        _ => false,
    }
}

// Byte classes of the word walk ([`next_word`]): the shared table of `text::scan`.
use super::scan::byte_class::{of as class, BEYOND_ASCII as HIGH, DIGIT, JOINER, LETTER, UPPER};

/// The character at byte `i` of `text` (a character boundary), if any.
#[inline(always)]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

/// A word found by [`next_word`]: its span, and what the walk saw of its characters.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Walked {
    start: usize,
    end: usize,
    /// ASCII letters only ([`Token::plain`]).
    plain: bool,
    /// ASCII without capitals ([`is_folded`]): case folding leaves it as it is.
    folded: bool,
}

/// The next word of `text` at or after byte `*at` as [`word_spans`] finds it; `*at` moves past
/// it. Walks bytes through a class table, decoding a character only where a byte is not ASCII.
#[inline(always)]
fn next_word(text: &str, at: &mut usize) -> Option<Walked> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = *at;
    // The first letter or digit, the classes seen so far (`HIGH` for any character beyond
    // ASCII), and the last character taken (what a joining character must follow).
    let (start, mut seen, mut prev) = loop {
        while i < n && class(bytes[i]) & (LETTER | DIGIT | HIGH) == 0 {
            i += 1;
        }
        if i >= n {
            *at = n;
            return None;
        }
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            break (i - 1, class(b), char::from(b));
        }
        let c = text[i..].chars().next()?;
        i += c.len_utf8();
        if c.is_alphanumeric() {
            break (i - c.len_utf8(), HIGH, c);
        }
    };
    loop {
        // ASCII letters and digits, the bulk of every word.
        let run = i;
        while i < n && class(bytes[i]) & (LETTER | DIGIT) != 0 {
            seen |= class(bytes[i]);
            i += 1;
        }
        if i > run {
            prev = char::from(bytes[i - 1]);
        }
        let Some(c) = char_at(text, i) else { break };
        let len = c.len_utf8();
        if len > 1 && c.is_alphanumeric() {
            seen |= HIGH;
            prev = c;
            i += len;
            continue;
        }
        if !matches!(c, '\'' | '’' | '.' | ',') || !joins(prev, c, char_at(text, i + len)) {
            break;
        }
        // The typographic apostrophe is beyond ASCII: the word is not folded.
        seen |= if len > 1 { JOINER | HIGH } else { JOINER };
        i += len;
    }
    *at = i;
    Some(Walked {
        start,
        end: i,
        plain: seen & !UPPER == LETTER,
        folded: seen & (UPPER | HIGH) == 0,
    })
}

/// [`word_spans`], each with whether the word is ASCII letters only ([`Token::plain`]).
fn classified_word_spans(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || next_word(text, &mut at)).map(|w| (w.start, w.end, w.plain))
}

/// Look up (on first sight: stem and classify) a case-folded word in the thread memo, and hand
/// `f` the memo, the word's thread-wide stem id and whether it is a stop word, all under one
/// borrow of the memo.
fn with_stem<T>(lexicon: &Lexicon, lower: &str, f: impl FnOnce(&Memo, u32, bool) -> T) -> T {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        let (id, stop) = memo.lookup(lexicon, lower);
        f(&memo, id, stop)
    })
}

impl Memo {
    /// The text of stem `id`.
    fn stem(&self, id: u32) -> &str {
        self.stems.get(id)
    }

    /// What the word tables hold for a case-folded word (`short` is its [`short_key`]).
    /// Always inlined: as a call, the tokenizer's look-up cost 3.7M more instructions on
    /// Multi-News.
    #[inline(always)]
    fn cached(&self, short: Option<u64>, lower: &str) -> Option<(u32, bool)> {
        match short {
            Some(k) => self.short.get(&k).copied(),
            None => {
                let text = &self.long_text;
                self.long
                    .find(text_hash(lower), |w| &text[w.start..w.end] == lower)
                    .map(|w| (w.stem, w.stop))
            }
        }
    }

    /// The id of a stem the memo holds.
    fn stem_id_of(&self, stem: &str) -> Option<u32> {
        self.stems.find(&self.stem_ids, stem)
    }

    /// The stem of a case-folded word as [`Memo::lookup`] gives it, without adding the word:
    /// the memo's stem id when it has the word or its stem, else the stem itself.
    fn find(&self, lexicon: &Lexicon, lower: &str) -> Stem {
        if let Some((id, _)) = self.cached(short_key(lower), lower) {
            return Stem::Known(id);
        }
        let stem = lexicon.stem(possessive_core(lower));
        match self.stem_id_of(&stem) {
            Some(id) => Stem::Known(id),
            None => Stem::New(stem.into_owned()),
        }
    }

    /// The thread-wide stem id of a case-folded word and whether it is a stop word; stemmed
    /// and classified on first sight.
    fn lookup(&mut self, lexicon: &Lexicon, lower: &str) -> (u32, bool) {
        let short = short_key(lower);
        if let Some(found) = self.cached(short, lower) {
            return found;
        }
        let core = possessive_core(lower);
        let stop = lexicon.is_stop(core)
            || (core.chars().count() == 1 && !core.chars().all(|c| c.is_ascii_digit()));
        let mut scratch = std::mem::take(&mut self.scratch);
        lexicon.stem_bytes(core, &mut scratch);
        // ASCII from the Snowball walk, or the bytes of a `str`: always UTF-8.
        let id = self.intern_stem(std::str::from_utf8(&scratch).unwrap_or_default());
        self.scratch = scratch;
        if self.long.len() + self.short.len() >= self.limit {
            // Only the word tables are cleared: stem ids stay valid.
            self.long.clear();
            self.long_text.clear();
            self.short.clear();
        }
        match short {
            Some(k) => {
                self.short.insert(k, (id, stop));
            }
            None => {
                let start = self.long_text.len();
                self.long_text.push_str(lower);
                let word = LongWord {
                    start,
                    end: self.long_text.len(),
                    stem: id,
                    stop,
                };
                let text = &self.long_text;
                self.long
                    .insert_unique(text_hash(lower), word, |w| text_hash(&text[w.start..w.end]));
            }
        }
        (id, stop)
    }

    /// The id of `stem`, added on first sight.
    fn intern_stem(&mut self, stem: &str) -> u32 {
        if let Some(id) = self.stem_id_of(stem) {
            return id;
        }
        let id = self.stems.push(stem);
        self.stems.add_to(&mut self.stem_ids, id);
        self.keys.push(stable_hash(stem));
        self.taken.push((0, 0));
        id
    }
}

/// A case-folded word without its possessive ending (`'s`, or a bare `'`): what is stemmed.
fn possessive_core(lower: &str) -> &str {
    lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(lower)
}

/// A word of at most 7 bytes as one integer: its bytes, then its length in the top byte, so
/// that different words get different keys whatever bytes they hold.
fn short_key(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.len() > 7 {
        return None;
    }
    // Shifted in a byte at a time: a copy of a slice of variable length is a call to `memcpy`.
    let mut k = (b.len() as u64) << 56;
    for (i, &x) in b.iter().enumerate() {
        k |= u64::from(x) << (8 * i);
    }
    Some(k)
}

/// An id for the stem of a word (case and curly apostrophes folded as by [`tokenize`],
/// possessive `'s` dropped), equal for equal stems within a thread. For comparing stems
/// without keeping strings; the ids are never output.
pub fn stem_id(word: &str) -> u32 {
    with_stem(Lexicon::english(), &fold_case(word), |_, id, _| id)
}

/// The stem of `word` as [`tokenize`] computes it (case folded, possessive dropped), from the
/// thread's memo: the words of an analyzed story are there already.
pub fn stem_text(word: &str) -> String {
    with_stem(Lexicon::english(), &fold_case(word), |memo, id, _| {
        memo.stem(id).to_string()
    })
}

/// The story's term id of `word` as [`tokenize`] gives it, or the stem when `vocab` does not
/// hold it.
pub fn term_of(vocab: &Vocab, word: &str) -> Result<u32, String> {
    find_term(vocab, word, |memo, stem| match stem {
        Stem::Known(id) => memo.stem(id).to_string(),
        Stem::New(text) => text,
    })
}

/// A word's stem as [`find_term`] finds it: one the memo has (by stem id), or one it never met.
enum Stem {
    Known(u32),
    New(String),
}

/// [`term_of`], with `missing` making the error from the stem. Reads the memo without adding
/// to it: facts look up fixed word lists, most of whose words no story has.
fn find_term<E>(
    vocab: &Vocab,
    word: &str,
    missing: impl FnOnce(&Memo, Stem) -> E,
) -> Result<u32, E> {
    let lower = fold_case(word);
    MEMO.with(|memo| {
        let memo = memo.borrow();
        let stem = memo.find(Lexicon::english(), &lower);
        if vocab.memo == memo.instance {
            // Tokenized through this memo: its stem id finds the term without the text index.
            // A stem not recorded under the vocabulary's stamp is in no term, unless some term
            // came another way or another vocabulary has taken a stamp since.
            if let Stem::Known(id) = stem {
                let (stamp, term) = memo.taken[id as usize];
                if stamp == vocab.stamp {
                    return Ok(term);
                }
            }
            if !vocab.outside_local && vocab.stamp == memo.last_stamp {
                return Err(missing(&memo, stem));
            }
        }
        let text = match &stem {
            Stem::Known(id) => memo.stem(*id),
            Stem::New(text) => text.as_str(),
        };
        vocab.id(text).ok_or_else(|| missing(&memo, stem))
    })
}

/// Which term ids of `vocab` the given words have: a word (of any case or inflection) whose
/// term is marked false is none of them, since [`term_of`] folds and stems as [`tokenize`] does.
pub fn terms_of<W: AsRef<str>>(vocab: &Vocab, words: impl IntoIterator<Item = W>) -> Vec<bool> {
    let mut wanted = vec![false; vocab.len()];
    for w in words {
        if let Ok(t) = find_term(vocab, w.as_ref(), |_, _| ()) {
            wanted[t as usize] = true;
        }
    }
    wanted
}

/// A 64-bit hash of a string that is the same on every run, thread and platform (FNV-1a, then
/// the SplitMix64 finalizer to spread the bits): for keys that leave a thread, such as the
/// term and shingle keys of stream clustering.
pub fn stable_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix64(h)
}

/// A stable 64-bit fingerprint of a text's words, blind to white space: two texts that differ
/// only in spacing and line breaks get the same value (check with [`same_words`]). For "the same
/// article again" in the store, which keeps it; stable like [`stable_hash`]. (Within one story,
/// `analyze` compares only articles with the same count of letters and digits, which is cheaper.)
pub fn text_fingerprint(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for_each_word(text, |w| {
        for &b in w {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0x20).wrapping_mul(0x0100_0000_01b3);
    });
    mix64(h)
}

/// Whether two texts have the same words in the same order, white space aside.
pub fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// SplitMix64's finalizer: a bijection on `u64` that spreads every input bit.
pub fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The stable key ([`stable_hash`]) of a word's stem (folded as by [`tokenize`]), and whether
/// the word is a stop word. Memoised per thread like [`tokenize`]; the key does not depend on
/// the thread, so keys from parallel workers can be compared.
pub fn stem_key(word: &str) -> (u64, bool) {
    with_stem(Lexicon::english(), &fold_case(word), |memo, id, stop| {
        (memo.keys[id as usize], stop)
    })
}

/// Tokenize `text` (which starts at byte `base` of the cleaned text) into words. Spans are
/// absolute offsets into the cleaned text; possessive `'s` is dropped from the term, not the span.
pub fn tokenize(text: &str, base: usize, lexicon: &Lexicon, vocab: &mut Vocab) -> Vec<Token> {
    // About one word per six bytes of running text on average, so room for one per four:
    // most sentences never regrow the vector.
    let mut out = Vec::with_capacity(text.len() / 4 + 2);
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        // Words to fold are folded into one buffer, the memo's, kept from call to call.
        let mut buf = std::mem::take(&mut memo.fold);
        let mut at = 0;
        while let Some(Walked {
            start: s,
            end: e,
            plain,
            folded,
        }) = next_word(text, &mut at)
        {
            let word = &text[s..e];
            debug_assert_eq!(folded, is_folded(word), "{word:?}");
            let lower: &str = if folded {
                word
            } else {
                buf.clear();
                push_folded(word, &mut buf);
                &buf
            };
            let (id, stop) = memo.lookup(lexicon, lower);
            out.push(Token {
                span: Span::new(base + s, base + e),
                term: vocab.intern_memo(&mut memo, id),
                stop,
                plain,
            });
        }
        memo.fold = buf;
    });
    out
}

/// Words as the budget counts them: white-space separated pieces.
pub fn count_words(text: &str) -> usize {
    let mut n = 0;
    for_each_word(text, |_| n += 1);
    n
}

/// Calls `word` with the bytes of each word of `text`, split as `str::split_whitespace` splits:
/// runs of plain ASCII are skipped over a byte at a time without decoding, and only the lead
/// bytes of the few multi-byte characters that can be white space are decoded.
fn for_each_word(text: &str, mut word: impl FnMut(&[u8])) {
    let b = text.as_bytes();
    // The length of the white-space character at `i`, or 0.
    let space_at = |i: usize| -> usize {
        match b[i] {
            b' ' | b'\t'..=b'\r' => 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match text[i..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        }
    };
    let mut i = 0;
    while i < b.len() {
        let w = space_at(i);
        if w > 0 {
            i += w;
            continue;
        }
        let start = i;
        loop {
            while i < b.len() && b[i] > b' ' && b[i] < 0x80 {
                i += 1;
            }
            if i == b.len() || space_at(i) > 0 {
                break;
            }
            // A control byte or a character that is not white space: part of the word.
            i += if b[i] < 0x80 {
                1
            } else {
                text[i..].chars().next().map_or(1, char::len_utf8)
            };
        }
        word(&b[start..i]);
    }
}

/// `word` case-folded as every text stage compares words: lower case, with the curly
/// apostrophe as `'` (so "Lavrov’s" and "Lavrov's" agree). Borrowed when the word already is
/// (most words of running text), so scanning allocates only for capitalized words.
pub fn fold_case(word: &str) -> std::borrow::Cow<'_, str> {
    if is_folded(word) {
        std::borrow::Cow::Borrowed(word)
    } else {
        let mut out = String::with_capacity(word.len());
        push_folded(word, &mut out);
        std::borrow::Cow::Owned(out)
    }
}

/// Whether [`fold_case`] leaves `word` as it is (ASCII without capitals).
fn is_folded(word: &str) -> bool {
    word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase())
}

/// Append `word` case-folded as by [`fold_case`].
pub(crate) fn push_folded(word: &str, out: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else {
        out.extend(
            word.chars()
                .map(|c| if c == '’' { '\'' } else { c })
                .flat_map(char::to_lowercase),
        );
    }
}

/// `text.to_lowercase()`, faster on mostly-ASCII text: runs of ASCII bytes are lowered in bulk
/// and only the other characters go through [`char::to_lowercase`]. Text with a capital sigma,
/// whose lower case depends on its neighbours, is left to [`str::to_lowercase`].
pub fn lowercase(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let ascii = super::scan::ascii_run(rest.as_bytes());
        let from = out.len();
        out.push_str(&rest[..ascii]);
        out[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else {
            return out;
        };
        if c == 'Σ' {
            return text.to_lowercase();
        }
        out.extend(c.to_lowercase());
        rest = &rest[c.len_utf8()..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-by-character word splitter that [`classified_word_spans`] replaced (the
    /// joining rule, [`joins`], is shared: what is checked here is the walk).
    #[allow(clippy::all)]
    fn reference_word_spans(text: &str) -> impl Iterator<Item = (usize, usize, bool)> + '_ {
        let mut chars = text.char_indices().peekable();
        std::iter::from_fn(move || {
            let (start, first) = loop {
                let (i, c) = chars.next()?;
                if c.is_alphanumeric() {
                    break (i, c);
                }
            };
            let mut end = start + first.len_utf8();
            let mut prev = first;
            let mut plain = first.is_ascii_alphabetic();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_alphanumeric() {
                    chars.next();
                    end = i + c.len_utf8();
                    prev = c;
                    plain &= c.is_ascii_alphabetic();
                    continue;
                }
                if !joins(prev, c, text[i + c.len_utf8()..].chars().next()) {
                    break;
                }
                chars.next();
                plain = false;
            }
            Some((start, end, plain))
        })
    }

    #[test]
    fn byte_walk_equals_the_character_walk() {
        let text = "U.S.-led talks: don't stop; 12,000 people, $1.5 billion, Lavrov’s 'plan'. \
                    中文 ok don’t it’s 3.a b.4 x,1 1,x ab' 'ab ’s É.U café’s \u{212A}elvin 1.2.3 a..b end.";
        let got: Vec<_> = classified_word_spans(text).collect();
        let want: Vec<_> = reference_word_spans(text).collect();
        assert_eq!(got, want);
        assert_folded_as_fold_case_says(text);
    }

    /// Every word the walk finds is `folded` exactly when [`is_folded`] says so.
    fn assert_folded_as_fold_case_says(text: &str) {
        let mut at = 0;
        while let Some(w) = next_word(text, &mut at) {
            let word = &text[w.start..w.end];
            assert_eq!(w.folded, is_folded(word), "{word:?} in {text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn byte_walk_equals_the_character_walk_on_any_text(
            text in "([a-zA-Z0-9 .,'’É中\u{212A}-]|\\PC){0,40}"
        ) {
            let got: Vec<_> = classified_word_spans(&text).collect();
            let want: Vec<_> = reference_word_spans(&text).collect();
            proptest::prop_assert_eq!(got, want);
            assert_folded_as_fold_case_says(&text);
        }
    }

    /// The fingerprint as first written (over `split_whitespace`): stored values depend on it.
    fn reference_fingerprint(text: &str) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for w in text.split_whitespace() {
            for &b in w.as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h ^= 0x20;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        mix64(h)
    }

    #[test]
    fn short_keys_tell_every_short_word_apart() {
        let words = [
            "", "a", "a\0", "\0", "ab", "ba", "abcdefg", "abcdef", "é", "中", "eé",
        ];
        let keys: Vec<Option<u64>> = words.iter().map(|w| short_key(w)).collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(a.is_some(), "{:?}", words[i]);
            for (j, b) in keys.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{:?} {:?}", words[i], words[j]);
            }
        }
        assert_eq!(short_key("abcdefgh"), None);
        // The bytes little-endian from the bottom, the length in the top byte.
        assert_eq!(short_key("ab"), Some(2 << 56 | 0x6261));
        assert_eq!(short_key("abcdefg"), Some(7 << 56 | 0x0067_6665_6463_6261));
    }

    #[test]
    fn a_full_memo_clears_its_word_tables_and_keeps_its_stem_ids() {
        let lex = Lexicon::english();
        let mut memo = Memo {
            limit: 3,
            ..Memo::default()
        };
        let words = [
            "dams",
            "internationally",
            "levees",
            "flooding",
            "the",
            "reconstruction",
            "international",
            "dam's",
        ];
        let mut seen: FxHashMap<&str, (u32, bool)> = FxHashMap::default();
        for _ in 0..3 {
            for w in words {
                let (id, stop) = memo.lookup(lex, w);
                assert_eq!(memo.stem(id), lex.stem(possessive_core(w)), "{w}");
                assert_eq!(stop, lex.is_stop(w), "{w}");
                if let Some(&before) = seen.get(w) {
                    assert_eq!((id, stop), before, "{w}: the same stem id after clearing");
                }
                seen.insert(w, (id, stop));
                assert!(memo.long.len() + memo.short.len() <= 3);
                assert_eq!(memo.long.is_empty(), memo.long_text.is_empty());
            }
        }
        // One stem each for "dams" and "dam's", and for the two forms of "international".
        assert_eq!(seen["dams"].0, seen["dam's"].0);
        assert_eq!(memo.stems.len(), 6);
    }

    #[test]
    fn memo_gives_the_same_stems_for_short_and_long_words() {
        // Short words go through the integer table, long ones through the text table; both
        // agree with the lexicon, on first sight and on the next.
        let lex = Lexicon::english();
        for _ in 0..2 {
            for w in [
                "dams",
                "the",
                "a",
                "flooding",
                "internationally",
                "levees",
                "é",
            ] {
                let (id, stop) = MEMO.with(|m| m.borrow_mut().lookup(lex, w));
                let stem = MEMO.with(|m| m.borrow().stem(id).to_string());
                assert_eq!(stem, lex.stem(w), "{w}");
                assert_eq!(stop, lex.is_stop(w) || w.chars().count() == 1, "{w}");
            }
        }
    }

    #[test]
    fn word_walk_splits_as_split_whitespace() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnew line\r\x0b\x0cend",
            "no-break\u{a0}space, em\u{2003}space and\u{3000}ideographic",
            "\u{85}next line\u{1680}ogham\u{2028}\u{2029}\u{202f}\u{205f}",
            "“Curly” quotes’ and É中 letters\u{200b}zero-width",
            "\u{1c}\u{1f} not white space",
        ] {
            assert_eq!(
                count_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
            assert_eq!(
                text_fingerprint(text),
                reference_fingerprint(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn word_walk_splits_as_split_whitespace_on_any_text(
            text in "([a-z ,.\t\n\r\u{a0}\u{85}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}’“É中]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
            proptest::prop_assert_eq!(text_fingerprint(&text), reference_fingerprint(&text));
        }
    }

    #[test]
    fn lowercase_equals_the_standard_library() {
        for text in [
            "",
            "Plain ASCII, With Capitals 123.",
            "ÉLYSÉE Palace’s “Statement” İstanbul ΑΘΗΝΑ ǅ Straße",
            "ΟΔΥΣΣΕΥΣ and Σ alone",
            "A long ASCII opening, Then ΟΔΥΣΣΕΥΣ AT THE END",
            "\u{212A}elvin \u{130}\u{307} 中文 ok",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercase_equals_the_standard_library_on_any_text(text in "\\PC{0,40}") {
            proptest::prop_assert_eq!(lowercase(&text), text.to_lowercase());
        }
    }

    /// The tokenizer with the character-by-character word walk ([`reference_word_spans`]),
    /// each word folded by [`fold_case`], and each stem interned by its text.
    fn reference_tokenize(text: &str, vocab: &mut Vocab) -> Vec<Token> {
        let lexicon = Lexicon::english();
        MEMO.with(|memo| {
            let mut memo = memo.borrow_mut();
            reference_word_spans(text)
                .map(|(s, e, plain)| {
                    let (id, stop) = memo.lookup(lexicon, &fold_case(&text[s..e]));
                    Token {
                        span: Span::new(s, e),
                        term: vocab.intern(memo.stem(id)),
                        stop,
                        plain,
                    }
                })
                .collect()
        })
    }

    proptest::proptest! {
        /// Two stories tokenized in turn on one thread, then a clone of one going on apart
        /// from it: the same tokens and terms as the plain walk gives, in every vocabulary.
        #[test]
        fn tokenize_equals_the_plain_lookup(
            texts in proptest::collection::vec(
                "((The|the|THE|Dams|dams|dam's|DAM|levees|Levees|internationally|\
                   Internationally|spillway’s|[a-zA-Z]{1,11}|[0-9]{1,4}|É[a-z]{0,3}|\
                   straße) ?[ ,.']? ?){0,12}",
                1..6,
            ),
        ) {
            let lex = Lexicon::english();
            let (mut a, mut b) = (Vocab::new(), Vocab::new());
            let (mut ra, mut rb) = (Vocab::new(), Vocab::new());
            for (i, t) in texts.iter().enumerate() {
                let (v, r) = if i % 2 == 0 { (&mut a, &mut ra) } else { (&mut b, &mut rb) };
                proptest::prop_assert_eq!(tokenize(t, 0, lex, v), reference_tokenize(t, r));
            }
            let (mut c, mut rc) = (a.clone(), ra.clone());
            for (t, u) in texts.iter().zip(texts.iter().rev()) {
                proptest::prop_assert_eq!(tokenize(t, 0, lex, &mut a), reference_tokenize(t, &mut ra));
                proptest::prop_assert_eq!(tokenize(u, 0, lex, &mut c), reference_tokenize(u, &mut rc));
            }
            let terms = |v: &Vocab| (0..v.len() as u32).map(|t| v.term(t).to_string()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(terms(&a), terms(&ra));
            proptest::prop_assert_eq!(terms(&c), terms(&rc));
            // The facts' look-up finds the same terms in every vocabulary, whichever took a
            // stamp last, and no term for a word none of them has.
            for t in texts.iter().map(String::as_str).chain(["spillways unheard-of"]) {
                for (s, e) in word_spans(t) {
                    let w = &t[s..e];
                    for (v, r) in [(&a, &ra), (&b, &rb), (&c, &rc)] {
                        proptest::prop_assert_eq!(term_of(v, w).ok(), r.id(&stem_text(w)), "{}", w);
                    }
                }
            }
        }
    }

    #[test]
    fn terms_are_found_by_stem_id_on_the_tokenizing_thread_and_by_text_elsewhere() {
        let mut v = Vocab::new();
        let toks = tokenize("Dams broke; the river rose", 0, Lexicon::english(), &mut v);
        let (dam, rose) = (toks[0].term, toks[4].term);
        let here = |w: &str| term_of(&v, w).ok();
        assert_eq!(
            (here("dam"), here("DAMS"), here("rose")),
            (Some(dam), Some(dam), Some(rose))
        );
        assert_eq!(term_of(&v, "levees").unwrap_err(), "leve");
        // Another thread has another memo: the same answers, found by text.
        let there = std::thread::scope(|s| {
            s.spawn(|| [term_of(&v, "dam").ok(), term_of(&v, "levees").ok()])
                .join()
                .unwrap()
        });
        assert_eq!(there, [Some(dam), None]);
        // A term interned by its text alone is found too.
        let levee = v.intern("leve");
        assert_eq!(term_of(&v, "levees").ok(), Some(levee));
        // A vocabulary filled on two threads keeps one term per stem.
        let more = std::thread::scope(|s| {
            s.spawn(|| tokenize("dams and levees", 0, Lexicon::english(), &mut v))
                .join()
                .unwrap()
        });
        assert_eq!((more[0].term, more[2].term), (dam, levee));
        assert_eq!(term_of(&v, "river").ok(), Some(toks[3].term));
    }

    #[test]
    fn text_index_is_built_on_demand_and_kept_up_to_date() {
        let mut v = Vocab::new();
        let a = tokenize("Dams broke", 0, Lexicon::english(), &mut v);
        // Built here, from the terms so far.
        assert_eq!(v.id("dam"), Some(a[0].term));
        // A term interned by text and then met in text is one term.
        let levee = v.intern("leve");
        let b = tokenize("levees held; dams broke", 0, Lexicon::english(), &mut v);
        assert_eq!(b[0].term, levee);
        assert_eq!(b[2].term, a[0].term);
        let c = tokenize("floods", 0, Lexicon::english(), &mut v);
        assert_eq!(v.id("flood"), Some(c[0].term));
        let terms: Vec<&str> = (0..v.len() as u32).map(|t| v.term(t)).collect();
        assert_eq!(terms, ["dam", "broke", "leve", "held", "flood"]);
    }

    #[test]
    fn tokens_keep_spans_into_the_original_text() {
        let mut v = Vocab::new();
        let text = "The ministers’ talks in Geneva resumed.";
        let toks = tokenize(&text[4..], 4, Lexicon::english(), &mut v);
        let words: Vec<&str> = toks
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        assert_eq!(words, ["ministers", "talks", "in", "Geneva", "resumed"]);
    }

    #[test]
    fn plain_tokens_are_ascii_letters_only() {
        let mut v = Vocab::new();
        let text = "Lavrov's U.S. talks in 2013, café don’t Monday B52 \u{212A}elvin 1,500 dayss x";
        let toks = tokenize(text, 0, Lexicon::english(), &mut v);
        let got: Vec<(&str, bool)> = toks
            .iter()
            .map(|t| (&text[t.span.start..t.span.end], t.plain))
            .collect();
        for &(w, plain) in &got {
            assert_eq!(plain, w.bytes().all(|b| b.is_ascii_alphabetic()), "{w}");
        }
        let plain: Vec<&str> = got.iter().filter(|x| x.1).map(|x| x.0).collect();
        assert_eq!(plain, ["talks", "in", "Monday", "dayss", "x"]);
    }

    #[test]
    fn stems_merge_inflections_and_possessives() {
        let mut v = Vocab::new();
        let a = tokenize("Ministers resumed talking", 0, Lexicon::english(), &mut v);
        let b = tokenize("the minister's resume talks", 0, Lexicon::english(), &mut v);
        let terms = |t: &[Token]| {
            t.iter()
                .filter(|t| !t.stop)
                .map(|t| t.term)
                .collect::<Vec<_>>()
        };
        assert_eq!(terms(&a), terms(&b));
    }

    #[test]
    fn stop_words_are_flagged_not_dropped() {
        let mut v = Vocab::new();
        let toks = tokenize("He said the dam broke", 0, Lexicon::english(), &mut v);
        let flags: Vec<bool> = toks.iter().map(|t| t.stop).collect();
        assert_eq!(flags, [true, true, true, false, false]);
    }

    #[test]
    fn numbers_are_tokens() {
        let mut v = Vocab::new();
        let toks = tokenize(
            "Killed 86 people, $1.5 billion",
            0,
            Lexicon::english(),
            &mut v,
        );
        let terms: Vec<&str> = toks.iter().map(|t| v.term(t.term)).collect();
        assert_eq!(terms, ["kill", "86", "peopl", "1.5", "billion"]);
    }

    #[test]
    fn word_boundaries() {
        let text =
            "U.S.-led talks: don't stop; 12,000 people, $1.5 billion, Lavrov’s 'plan'. 中文 ok";
        let words: Vec<&str> = word_spans(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(
            words,
            [
                "U.S",
                "led",
                "talks",
                "don't",
                "stop",
                "12,000",
                "people",
                "1.5",
                "billion",
                "Lavrov’s",
                "plan",
                "中文",
                "ok"
            ]
        );
    }

    #[test]
    fn word_count_is_whitespace_based() {
        assert_eq!(count_words("  The U.S.-led talks, in Geneva. "), 5);
    }
}
