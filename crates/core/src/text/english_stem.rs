//! The Snowball English ("Porter2") stemmer for lower-case ASCII words, written for speed: one
//! pass per step over a byte buffer, no tables searched at run time. It gives exactly the stems
//! of `rust-stemmers`' English algorithm, which remains the stemmer for every other word (a
//! property test and a word-list test compare the two). Stemming new words was the largest
//! single cost of tokenizing before this.
//!
//! The algorithm is M. Porter's, as published with Snowball: regions R1 and R2 (R1 after
//! "gener", "commun" and "arsen"), then steps 1a to 5, with two lists of exceptional words.

/// The stem of `w`, a non-empty word of lower-case ASCII letters (`a`..=`z`), appended to `out`.
pub fn stem_ascii_into(w: &[u8], out: &mut Vec<u8>) {
    debug_assert!(w.iter().all(u8::is_ascii_lowercase));
    if let Some(stem) = exception1(w) {
        out.extend_from_slice(stem);
        return;
    }
    if w.len() < 3 {
        out.extend_from_slice(w);
        return;
    }
    let start = out.len();
    out.extend_from_slice(w);
    let mut s = Word {
        b: std::mem::take(out),
        start,
        p1: 0,
        p2: 0,
    };
    s.prelude();
    s.mark_regions();
    s.step_1a();
    if !s.exception2() {
        s.step_1b();
        s.step_1c();
        s.step_2();
        s.step_3();
        s.step_4();
        s.step_5();
    }
    for c in &mut s.b[start..] {
        if *c == b'Y' {
            *c = b'y';
        }
    }
    *out = s.b;
}

/// Whole words with a fixed stem.
fn exception1(w: &[u8]) -> Option<&[u8]> {
    Some(match w {
        b"skis" => b"ski",
        b"skies" => b"sky",
        b"dying" => b"die",
        b"lying" => b"lie",
        b"tying" => b"tie",
        b"idly" => b"idl",
        b"gently" => b"gentl",
        b"ugly" => b"ugli",
        b"early" => b"earli",
        b"only" => b"onli",
        b"singly" => b"singl",
        b"sky" | b"news" | b"howe" | b"atlas" | b"cosmos" | b"bias" | b"andes" => w,
        _ => return None,
    })
}

/// A word being stemmed: `b[start..]`, with regions R1 = `p1..` and R2 = `p2..` (offsets into
/// the word). `Y` marks a `y` that acts as a consonant.
struct Word {
    b: Vec<u8>,
    start: usize,
    p1: usize,
    p2: usize,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

impl Word {
    fn w(&self) -> &[u8] {
        &self.b[self.start..]
    }
    fn len(&self) -> usize {
        self.b.len() - self.start
    }
    fn ends(&self, suffix: &[u8]) -> bool {
        self.w().ends_with(suffix)
    }
    /// Cut `n` bytes from the end.
    fn cut(&mut self, n: usize) {
        let l = self.b.len() - n;
        self.b.truncate(l);
    }
    /// Replace the last `n` bytes with `by`.
    fn replace(&mut self, n: usize, by: &[u8]) {
        self.cut(n);
        self.b.extend_from_slice(by);
    }
    /// The first rule of `rules` (longest first where one suffix ends another) whose suffix
    /// ends the word: its replacement is made when the suffix starts in the region from
    /// `region`. Whether a suffix matched, replaced or not (a match in Snowball's `among`
    /// ends the step either way).
    // Inlined into each step, so that the compiler sees that step's constant table (called
    // through, it cost 20M instructions more on the Multi-News run).
    #[inline(always)]
    fn replace_longest(&mut self, rules: &[(&[u8], &[u8])], region: usize) -> bool {
        let w = self.w();
        let n = w.len();
        let Some(&(s, by)) = rules.iter().find(|(s, _)| w.ends_with(s)) else {
            return false;
        };
        if n - s.len() >= region {
            self.replace(s.len(), by);
        }
        true
    }
    /// Does `w[..i]` contain a vowel?
    fn vowel_before(&self, i: usize) -> bool {
        self.w()[..i].iter().any(|&c| is_vowel(c))
    }
    /// Does `w[..end]` end in a short syllable: a vowel between a non-vowel and a non-vowel
    /// other than w, x and Y; or a vowel at the start of the word followed by a non-vowel?
    fn short_syllable_at(&self, end: usize) -> bool {
        let w = self.w();
        if end < 2 {
            return false;
        }
        let (a, b) = (w[end - 2], w[end - 1]);
        if is_vowel(b) || !is_vowel(a) {
            return false;
        }
        if end == 2 {
            return true;
        }
        !is_vowel(w[end - 3]) && !matches!(b, b'w' | b'x' | b'Y')
    }

    /// An initial `y`, and a `y` after a vowel, become `Y` (a consonant).
    fn prelude(&mut self) {
        let start = self.start;
        if self.b[start] == b'y' {
            self.b[start] = b'Y';
        }
        for i in start + 1..self.b.len() {
            if self.b[i] == b'y' && is_vowel(self.b[i - 1]) {
                self.b[i] = b'Y';
            }
        }
    }

    fn mark_regions(&mut self) {
        let w = self.w();
        let n = w.len();
        // After the first non-vowel that follows a vowel, from `from`.
        let region = |from: usize| -> usize {
            let mut i = from;
            while i < n && !is_vowel(w[i]) {
                i += 1;
            }
            while i < n && is_vowel(w[i]) {
                i += 1;
            }
            if i < n {
                i + 1
            } else {
                n
            }
        };
        let p1 = if w.starts_with(b"gener") || w.starts_with(b"arsen") {
            5
        } else if w.starts_with(b"commun") {
            6
        } else {
            region(0)
        };
        let p2 = region(p1);
        self.p1 = p1;
        self.p2 = p2;
    }

    fn step_1a(&mut self) {
        let n = self.len();
        if self.ends(b"sses") {
            self.cut(2);
        } else if self.ends(b"ied") || self.ends(b"ies") {
            if n > 4 {
                self.cut(2);
            } else {
                self.cut(1);
            }
        } else if self.ends(b"us") || self.ends(b"ss") {
        } else if self.ends(b"s") {
            // Delete if a vowel comes before the letter preceding the s.
            if n >= 2 && self.vowel_before(n - 2) {
                self.cut(1);
            }
        }
    }

    /// Words left as they are after step 1a.
    fn exception2(&self) -> bool {
        matches!(
            self.w(),
            b"inning"
                | b"outing"
                | b"canning"
                | b"herring"
                | b"earring"
                | b"proceed"
                | b"exceed"
                | b"succeed"
        )
    }

    fn step_1b(&mut self) {
        let n = self.len();
        // The longest of: eedly eed | ingly edly ing ed.
        let (suffix, ee) = if self.ends(b"eedly") {
            (5, true)
        } else if self.ends(b"ingly") {
            (5, false)
        } else if self.ends(b"edly") {
            (4, false)
        } else if self.ends(b"eed") {
            (3, true)
        } else if self.ends(b"ing") {
            (3, false)
        } else if self.ends(b"ed") {
            (2, false)
        } else {
            return;
        };
        let at = n - suffix;
        if ee {
            if at >= self.p1 {
                self.replace(suffix, b"ee");
            }
            return;
        }
        if !self.vowel_before(at) {
            return;
        }
        self.cut(suffix);
        let w = self.w();
        let m = w.len();
        if w.ends_with(b"at") || w.ends_with(b"bl") || w.ends_with(b"iz") {
            self.b.push(b'e');
        } else if m >= 2
            && w[m - 1] == w[m - 2]
            && matches!(
                w[m - 1],
                b'b' | b'd' | b'f' | b'g' | b'm' | b'n' | b'p' | b'r' | b't'
            )
        {
            self.cut(1);
        } else if m == self.p1 && self.short_syllable_at(m) {
            self.b.push(b'e');
        }
    }

    fn step_1c(&mut self) {
        let w = self.w();
        let n = w.len();
        if n >= 3 && matches!(w[n - 1], b'y' | b'Y') && !is_vowel(w[n - 2]) {
            self.replace(1, b"i");
        }
    }

    fn step_2(&mut self) {
        // Longest suffix first where one ends another.
        const RULES: &[(&[u8], &[u8])] = &[
            (b"ational", b"ate"),
            (b"tional", b"tion"),
            (b"enci", b"ence"),
            (b"anci", b"ance"),
            (b"abli", b"able"),
            (b"entli", b"ent"),
            (b"ization", b"ize"),
            (b"izer", b"ize"),
            (b"ation", b"ate"),
            (b"ator", b"ate"),
            (b"alism", b"al"),
            (b"aliti", b"al"),
            (b"alli", b"al"),
            (b"fulness", b"ful"),
            (b"ousli", b"ous"),
            (b"ousness", b"ous"),
            (b"iveness", b"ive"),
            (b"iviti", b"ive"),
            (b"biliti", b"ble"),
            (b"bli", b"ble"),
            (b"fulli", b"ful"),
            (b"lessli", b"less"),
        ];
        // "ogi" and "li" have conditions, and lose to any longer suffix above that matches.
        if self.replace_longest(RULES, self.p1) {
            return;
        }
        let n = self.len();
        let w = self.w();
        if w.ends_with(b"ogi") {
            if n - 3 >= self.p1 && n >= 4 && w[n - 4] == b'l' {
                self.replace(3, b"og");
            }
        } else if w.ends_with(b"li")
            && n - 2 >= self.p1
            && n >= 3
            && matches!(
                w[n - 3],
                b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't'
            )
        {
            self.cut(2);
        }
    }

    fn step_3(&mut self) {
        const RULES: &[(&[u8], &[u8])] = &[
            (b"ational", b"ate"),
            (b"tional", b"tion"),
            (b"alize", b"al"),
            (b"icate", b"ic"),
            (b"iciti", b"ic"),
            (b"ical", b"ic"),
            (b"ful", b""),
            (b"ness", b""),
        ];
        // "ative" goes in R2 only (which lies inside R1).
        if !self.replace_longest(&[(b"ative", b"")], self.p2) {
            self.replace_longest(RULES, self.p1);
        }
    }

    fn step_4(&mut self) {
        // Deleted in R2; longest first where one ends another ("ement", "ment", "ent").
        const RULES: &[(&[u8], &[u8])] = &[
            (b"ement", b""),
            (b"ment", b""),
            (b"ent", b""),
            (b"ance", b""),
            (b"ence", b""),
            (b"able", b""),
            (b"ible", b""),
            (b"ant", b""),
            (b"ism", b""),
            (b"ate", b""),
            (b"iti", b""),
            (b"ous", b""),
            (b"ive", b""),
            (b"ize", b""),
            (b"al", b""),
            (b"er", b""),
            (b"ic", b""),
        ];
        let n = self.len();
        let w = self.w();
        if w.ends_with(b"ion") {
            if n - 3 >= self.p2 && n >= 4 && matches!(w[n - 4], b's' | b't') {
                self.cut(3);
            }
            return;
        }
        self.replace_longest(RULES, self.p2);
    }

    fn step_5(&mut self) {
        let n = self.len();
        let w = self.w();
        match w[n - 1] {
            b'e' => {
                let at = n - 1;
                if at >= self.p2 || (at >= self.p1 && !self.short_syllable_at(at)) {
                    self.cut(1);
                }
            }
            b'l' if n > self.p2 && n >= 2 && w[n - 2] == b'l' => self.cut(1),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(w: &str) -> String {
        let mut out = Vec::new();
        stem_ascii_into(w.as_bytes(), &mut out);
        String::from_utf8(out).unwrap()
    }

    fn reference(w: &str) -> String {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
            .stem(w)
            .into_owned()
    }

    #[test]
    fn known_stems() {
        // Porter's own examples of each step, and the exceptional words.
        for (w, want) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("cats", "cat"),
            ("gas", "gas"),
            ("hopping", "hop"),
            ("hoping", "hope"),
            ("agreed", "agre"),
            ("feed", "feed"),
            ("generously", "generous"),
            ("communication", "communic"),
            ("cry", "cri"),
            ("by", "by"),
            ("say", "say"),
            ("relational", "relat"),
            ("electricity", "electr"),
            ("hopefulness", "hope"),
            ("adjustment", "adjust"),
            ("controlling", "control"),
            ("skies", "sky"),
            ("dying", "die"),
            ("news", "news"),
            ("innings", "inning"),
            ("succeeding", "succeed"),
            ("analogies", "analog"),
            ("yearly", "year"),
        ] {
            assert_eq!(ours(w), want, "{w}");
            assert_eq!(reference(w), want, "{w} (reference)");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        /// Words built from the pieces the rules look at (suffixes, doubled letters, y after
        /// vowels, the R1 prefixes), so that every branch is taken, equal the reference's stems.
        #[test]
        fn equals_rust_stemmers(
            pieces in proptest::collection::vec(0usize..PIECES.len(), 1..5),
            letters in "[a-z]{0,3}",
        ) {
            let mut w = letters;
            for p in pieces {
                w.push_str(PIECES[p]);
            }
            proptest::prop_assert_eq!(ours(&w), reference(&w), "{}", w);
        }

        #[test]
        fn equals_rust_stemmers_on_any_letters(w in "[a-z]{1,12}") {
            proptest::prop_assert_eq!(ours(&w), reference(&w), "{}", w);
        }
    }

    const PIECES: &[&str] = &[
        "a", "e", "i", "o", "u", "y", "b", "c", "d", "g", "h", "k", "l", "m", "n", "r", "s", "t",
        "w", "x", "ay", "ey", "oy", "yy", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt",
        "ll", "ss", "gener", "commun", "arsen", "sses", "ied", "ies", "us", "eed", "eedly", "ed",
        "edly", "ing", "ingly", "at", "bl", "iz", "tional", "enci", "anci", "abli", "entli",
        "izer", "ization", "ational", "ation", "ator", "alism", "aliti", "alli", "fulness",
        "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "logi", "fulli", "lessli",
        "li", "cli", "dli", "eli", "alize", "icate", "iciti", "ical", "ful", "ness", "ative", "al",
        "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
        "iti", "ous", "ive", "ize", "ion", "sion", "tion", "le", "ly", "skis", "inning", "outing",
        "proceed", "exceed",
    ];

    /// Every distinct lower-case ASCII word of a text file, against the reference. Run with
    /// `NEWSBRIEF_STEM_WORDS=FILE cargo test -p newsbrief-core -- --ignored stems_of_a_word_file`.
    #[test]
    #[ignore]
    fn stems_of_a_word_file() {
        let Some(path) = std::env::var_os("NEWSBRIEF_STEM_WORDS") else {
            return;
        };
        let text = std::fs::read_to_string(path).unwrap().to_lowercase();
        let mut words: Vec<&str> = text
            .split(|c: char| !c.is_ascii_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        words.sort_unstable();
        words.dedup();
        let wrong: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| ours(w) != reference(w))
            .collect();
        assert!(
            wrong.is_empty(),
            "{} of {}: {:?}",
            wrong.len(),
            words.len(),
            &wrong[..wrong.len().min(20)]
        );
        eprintln!("{} words, all equal", words.len());
    }
}
