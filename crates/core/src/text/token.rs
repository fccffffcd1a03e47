use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::model::{Span, Token};

/// NLTK's English stop words (`stop-words`) and news words that carry no content of their own
/// (reporting verbs, titles, fillers).
static STOP: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut stop: FxHashSet<String> = stop_words::get(stop_words::LANGUAGE::English)
        .into_iter()
        .collect();
    stop.extend(
        [
            "said",
            "says",
            "say",
            "told",
            "also",
            "would",
            "could",
            "one",
            "two",
            "mr",
            "mrs",
            "ms",
            "dr",
            "per",
            "cent",
            "percent",
            "may",
            "might",
            "must",
            "shall",
            "will",
            "us",
            "according",
            "new",
            "year",
            "years",
            "last",
            "first",
            "since",
            "yet",
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

    /// The stem of a lower-cased word (numbers and mixed tokens are kept as they are).
    pub fn stem<'a>(&self, lower: &'a str) -> Cow<'a, str> {
        if lower.chars().all(char::is_alphabetic) {
            self.stemmer.stem(lower)
        } else {
            Cow::Borrowed(lower)
        }
    }

    /// `f` of the stem of a case-folded word as [`tokenize`] finds it (possessive dropped) and
    /// whether the word is a stop word: a listed one, or a single character other than a digit.
    /// Memoised per thread ([`ANALYZED`]), since each story meets mostly the same words.
    fn analyze<T>(&self, lower: &str, f: impl FnOnce(&str, u64, bool) -> T) -> T {
        self.with_memo(|memo| {
            let (stem, key, stop) = self.lookup(memo, lower);
            f(stem, *key, *stop)
        })
    }

    /// `f` with this thread's memo ([`ANALYZED`]), borrowed once for many words.
    fn with_memo<T>(&self, f: impl FnOnce(&mut Memo) -> T) -> T {
        ANALYZED.with_borrow_mut(|memo| {
            if memo.len() >= MEMO_LIMIT {
                memo.clear();
            }
            f(memo)
        })
    }

    /// A case-folded word's [`Analyzed`], from the memo or computed into it.
    fn lookup<'m>(&self, memo: &'m mut Memo, lower: &str) -> &'m Analyzed {
        memo.entry_ref(lower).or_insert_with(|| {
            let core = lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix('\''))
                .unwrap_or(lower);
            let mut chars = core.chars();
            let single = chars.next().is_some() && chars.next().is_none();
            let stop = self.is_stop(core) || (single && !core.chars().all(|c| c.is_ascii_digit()));
            let stem: Box<str> = self.stem(core).into();
            let key = stable_hash(&stem);
            (stem, key, stop)
        })
    }
}

/// Analysed words by their case-folded form.
type Memo = hashbrown::HashMap<String, Analyzed, FxBuildHasher>;

/// Most words a thread's [`ANALYZED`] holds: it is emptied when full.
const MEMO_LIMIT: usize = 200_000;

/// A word's stem, the stem's key ([`stable_hash`]) and whether the word is a stop word.
type Analyzed = (Box<str>, u64, bool);

thread_local! {
    /// [`Lexicon::analyze`]'s results by case-folded word: a pure memo, so results do not
    /// depend on the thread or on what it analysed before.
    static ANALYZED: RefCell<Memo> =
        RefCell::default();
}

/// The terms (stems) of one story as dense `u32` ids, in order of first appearance, so that ids
/// are deterministic for a given input.
#[derive(Clone, Default)]
pub struct Vocab {
    /// The terms, by term id.
    terms: Vec<Box<str>>,
    /// Term ids by the term's key ([`stable_hash`] of its text, as stream clustering keys
    /// terms): an integer key, so a token finds its term without comparing strings.
    ids: FxHashMap<u64, u32>,
}

impl std::fmt::Debug for Vocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocab").field("terms", &self.len()).finish()
    }
}

impl Vocab {
    pub fn new() -> Self {
        Self::default()
    }
    /// Intern a term by its text.
    pub fn intern(&mut self, term: &str) -> u32 {
        self.intern_key(stable_hash(term), term)
    }
    /// Intern a term whose key ([`stable_hash`]) is known.
    fn intern_key(&mut self, key: u64, term: &str) -> u32 {
        let next = self.terms.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.terms.push(term.into());
        }
        id
    }
    /// Set the term ids of `tokens` of [`tokenize_keyed`] from their `keys`, interning new terms
    /// (stemmed again from their word in `text`, which starts at byte `base`).
    pub fn assign(
        &mut self,
        text: &str,
        base: usize,
        tokens: &mut [Token],
        keys: &[u64],
        lexicon: &Lexicon,
    ) {
        let mut lower = String::new();
        for (t, &key) in tokens.iter_mut().zip(keys) {
            t.term = match self.ids.get(&key) {
                Some(&id) => id,
                None => lexicon.with_memo(|memo| {
                    lower.clear();
                    push_folded(&text[t.span.start - base..t.span.end - base], &mut lower);
                    let (stem, k, _) = lexicon.lookup(memo, &lower);
                    debug_assert_eq!(*k, key);
                    self.intern_key(key, stem)
                }),
            };
        }
    }
    /// The id of a term (a stem), if the vocabulary has it.
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(&stable_hash(term)).copied()
    }
    /// Term `id`, or "" when there is none.
    pub fn term(&self, id: u32) -> &str {
        self.terms.get(id as usize).map_or("", |t| t)
    }
    pub fn len(&self) -> usize {
        self.terms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// Byte ranges of the words of `text`: runs of letters and digits, joined across an apostrophe
/// between letters ("minister's", "don't"), a period between letters ("U.S"), and a period or
/// comma between digits ("1.5", "12,000"). Everything else separates words.
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (c, len) = char_at(text, at)?;
            if c.is_alphanumeric() {
                break at;
            }
            at += len;
        };
        let (mut prev, len) = char_at(text, start)?;
        let mut end = start + len;
        while let Some((c, len)) = char_at(text, end) {
            if c.is_alphanumeric() {
                prev = c;
            } else if !joins(prev, c, char_at(text, end + len).map(|x| x.0)) {
                break;
            }
            end += len;
        }
        at = end;
        Some((start, end))
    })
}

/// The character at byte `i` of `text` (a character boundary) and its length in bytes.
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
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

/// The stem of `word` as [`tokenize`] computes it (case folded, possessive dropped).
pub fn stem_text(word: &str) -> String {
    Lexicon::english().analyze(&fold_case(word), |stem, _, _| stem.to_string())
}

/// The story's term id of `word` as [`tokenize`] gives it, if `vocab` has its term.
pub fn term_of(vocab: &Vocab, word: &str) -> Option<u32> {
    Lexicon::english().analyze(&fold_case(word), |_, key, _| vocab.ids.get(&key).copied())
}

/// Which term ids of `vocab` the given words have: a word (of any case or inflection) whose
/// term is marked false is none of them, since [`term_of`] folds and stems as [`tokenize`] does.
pub fn terms_of<W: AsRef<str>>(vocab: &Vocab, words: impl IntoIterator<Item = W>) -> Vec<bool> {
    let mut wanted = vec![false; vocab.len()];
    for w in words {
        if let Some(t) = term_of(vocab, w.as_ref()) {
            wanted[t as usize] = true;
        }
    }
    wanted
}

/// A 64-bit hash of a string that is the same on every run, thread and platform (FNV-1a, then
/// the SplitMix64 finalizer to spread the bits): for keys that leave a thread, such as the
/// term and shingle keys of stream clustering.
pub fn stable_hash(s: &str) -> u64 {
    mix64(fnv1a(0xcbf2_9ce4_8422_2325, s.as_bytes()))
}

/// FNV-1a of `bytes`, from state `h`.
fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A stable 64-bit fingerprint of a text's words, blind to white space: two texts that differ
/// only in spacing and line breaks get the same value (check with [`same_words`]). For "the same
/// article again" in the store, which keeps it; stable like [`stable_hash`]. (Within one story,
/// `analyze` compares only articles with the same count of letters and digits, which is cheaper.)
/// FNV-1a over each word and a space after it, then SplitMix64's finalizer.
pub fn text_fingerprint(text: &str) -> u64 {
    let h = text.split_whitespace().fold(0xcbf2_9ce4_8422_2325, |h, w| {
        fnv1a(fnv1a(h, w.as_bytes()), b" ")
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
/// the word is a stop word. The key does not depend on the thread, so keys from parallel
/// workers can be compared.
pub fn stem_key(word: &str) -> (u64, bool) {
    Lexicon::english().analyze(&fold_case(word), |_, key, stop| (key, stop))
}

/// Tokenize `text` (which starts at byte `base` of the cleaned text) into words. Spans are
/// absolute offsets into the cleaned text; possessive `'s` is dropped from the term, not the span.
pub fn tokenize(text: &str, base: usize, lexicon: &Lexicon, vocab: &mut Vocab) -> Vec<Token> {
    let (mut tokens, keys) = tokenize_keyed(text, base, lexicon);
    vocab.assign(text, base, &mut tokens, &keys, lexicon);
    tokens
}

/// [`tokenize`] without a vocabulary, for tokenizing articles in parallel: the tokens with
/// their term ids not yet set, and each token's term key; [`Vocab::assign`] sets the ids, in
/// order, so that they are those [`tokenize`] gives.
pub fn tokenize_keyed(text: &str, base: usize, lexicon: &Lexicon) -> (Vec<Token>, Vec<u64>) {
    let mut lower = String::new();
    lexicon.with_memo(|memo| {
        word_spans(text)
            .map(|(s, e)| {
                lower.clear();
                push_folded(&text[s..e], &mut lower);
                let (_, key, stop) = lexicon.lookup(memo, &lower);
                let token = Token {
                    span: Span::new(base + s, base + e),
                    term: 0,
                    stop: *stop,
                };
                (token, *key)
            })
            .unzip()
    })
}

/// The stem keys ([`stem_key`]) of the content words of `text` in order: words with a letter
/// that are not stop words.
pub fn content_keys(text: &str) -> Vec<u64> {
    let lexicon = Lexicon::english();
    let mut lower = String::new();
    lexicon.with_memo(|memo| {
        word_spans(text)
            .filter(|&(s, e)| text[s..e].chars().any(char::is_alphabetic))
            .filter_map(|(s, e)| {
                lower.clear();
                push_folded(&text[s..e], &mut lower);
                let (_, key, stop) = lexicon.lookup(memo, &lower);
                (!stop).then_some(*key)
            })
            .collect()
    })
}

/// [`count_words`] for cleaned text (or a piece of it), whose only white space is
/// the space and the line break: the runs of other bytes.
pub fn count_clean_words(text: &str) -> usize {
    text.split([' ', '\n']).filter(|w| !w.is_empty()).count()
}

/// Words as the budget counts them: white-space separated pieces.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// `word` case-folded as every text stage compares words: lower case, with the curly
/// apostrophe as `'` (so "Lavrov’s" and "Lavrov's" agree). Borrowed when the word already is
/// (most words of running text), so scanning allocates only for capitalized words.
pub fn fold_case(word: &str) -> Cow<'_, str> {
    if word.is_ascii() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(word)
    } else {
        let mut out = String::with_capacity(word.len());
        push_folded(word, &mut out);
        Cow::Owned(out)
    }
}

/// Append `word` case-folded as by [`fold_case`].
pub(crate) fn push_folded(word: &str, out: &mut String) {
    if word.is_ascii() {
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
        return;
    }
    out.extend(
        word.chars()
            .map(|c| if c == '’' { '\'' } else { c })
            .flat_map(char::to_lowercase),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_keep_their_stored_values() {
        // FNV-1a then SplitMix64's finalizer, computed apart from this code.
        assert_eq!(stable_hash("dam"), 0x9ee3_6056_2e58_56b8);
        assert_eq!(text_fingerprint("The dam broke."), 0xe8b4_632d_ee9e_4eb5);
        assert_eq!(
            text_fingerprint("  The\tdam\n\u{a0}broke. "),
            0xe8b4_632d_ee9e_4eb5
        );
        assert_eq!(stem_key("Dams").0, 0x9ee3_6056_2e58_56b8);
        assert_eq!(stem_key("dam's"), (0x9ee3_6056_2e58_56b8, false));
        assert!(stem_key("The").1);
    }

    #[test]
    fn terms_are_found_the_same_on_any_thread() {
        let mut v = Vocab::new();
        let toks = tokenize("Dams broke; the river rose", 0, Lexicon::english(), &mut v);
        let (dam, rose) = (toks[0].term, toks[4].term);
        let here = |w: &str| term_of(&v, w);
        assert_eq!(
            (here("dam"), here("DAMS"), here("rose")),
            (Some(dam), Some(dam), Some(rose))
        );
        assert_eq!(term_of(&v, "levees"), None);
        assert_eq!(stem_text("levees"), "leve");
        let there = std::thread::scope(|s| {
            s.spawn(|| [term_of(&v, "dam"), term_of(&v, "levees")])
                .join()
                .unwrap()
        });
        assert_eq!(there, [Some(dam), None]);
        // A term interned by its text alone is found too, and met in text is the same term.
        let levee = v.intern("leve");
        assert_eq!(term_of(&v, "levees"), Some(levee));
        let more = tokenize("dams and levees", 0, Lexicon::english(), &mut v);
        assert_eq!((more[0].term, more[2].term), (dam, levee));
        let terms: Vec<&str> = (0..v.len() as u32).map(|t| v.term(t)).collect();
        assert_eq!(
            terms,
            ["dam", "broke", "the", "river", "rose", "leve", "and"]
        );
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
        let toks = tokenize("He said the dam broke x 7", 0, Lexicon::english(), &mut v);
        let flags: Vec<bool> = toks.iter().map(|t| t.stop).collect();
        assert_eq!(flags, [true, true, true, false, false, true, false]);
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
        let text = "U.S.-led talks: don't stop; 12,000 people, $1.5 billion, Lavrov’s 'plan'. \
                    中文 ok 3.a b.4 x,1 ab' a..b É.U end.";
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
                "ok",
                "3",
                "a",
                "b",
                "4",
                "x",
                "1",
                "ab",
                "a",
                "b",
                "É.U",
                "end"
            ]
        );
    }

    #[test]
    fn word_count_is_whitespace_based() {
        assert_eq!(count_words("  The U.S.-led talks, in\u{a0}Geneva. "), 5);
    }

    #[test]
    fn folding_lowers_case_and_straightens_apostrophes() {
        assert_eq!(fold_case("Lavrov’s"), "lavrov's");
        assert_eq!(fold_case("ÉLYSÉE"), "élysée");
        assert!(matches!(fold_case("plain"), Cow::Borrowed("plain")));
    }
}
