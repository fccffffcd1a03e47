//! Byte scans eight bytes at a time, for passes that look for a few byte values (sentence ends,
//! quote marks, the extractable check, the facts' digit test, the words of cleaned text, ASCII
//! runs). The searches rest on an exact word-wide test: "some byte is zero" is
//! `(v - 0x01..) & !v & 0x80..`, which flags every zero byte and can also flag bytes above (more
//! significant than) a true zero byte, through the borrow, but never flags a byte below the first
//! zero. So a word with a flag holds a zero, and its lowest flag (little-endian: the first byte
//! in memory) is the first zero.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

fn word(chunk: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(chunk);
    u64::from_le_bytes(b)
}

/// Not zero when some byte of `v` is below `n` (at most 0x80), exact as a whole for bytes
/// under 0x80 (bytes from 0x80 are never flagged); for `n` = 1, "some byte is zero" of the
/// module docs, whose argument holds for any `n` alike.
fn bytes_below(v: u64, n: u8) -> u64 {
    v.wrapping_sub(u64::from(n) * ONES) & !v & HIGH
}

/// Whether `bytes` holds an ASCII digit. A byte XOR `0x30` is below 10 exactly when it is a
/// digit, and "some byte below 10" has the same kind of exact test for bytes under `0x80`
/// (bytes from `0x80` are masked out, and none of them is a digit).
pub fn has_ascii_digit(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        if bytes_below(word(c) ^ (0x30 * ONES), 10) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

/// The top bit of each byte of `v` that is zero, exactly, byte by byte: adding 0x7f to a byte's
/// low seven bits carries into its top bit unless they are all zero, and never into the next
/// byte (unlike the borrow of [`bytes_below`]).
fn zero_byte_flags(v: u64) -> u64 {
    const LOW: u64 = !HIGH;
    !(((v & LOW) + LOW) | v) & HIGH
}

/// How many runs of bytes other than `a` and `b` `bytes` holds: the words of a text whose only
/// white space is `a` and `b`. A run starts at each byte that is neither after one that is (or
/// at the start), counted eight at a time.
pub fn count_runs_between(bytes: &[u8], a: u8, b: u8) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    // The top bit of byte 0 set: the byte before the chunk was `a` or `b` (or absent).
    let mut after_sep: u64 = 0x80;
    for c in &mut chunks {
        let x = word(c);
        let sep =
            zero_byte_flags(x ^ (u64::from(a) * ONES)) | zero_byte_flags(x ^ (u64::from(b) * ONES));
        n += (!sep & HIGH & ((sep << 8) | after_sep)).count_ones() as usize;
        after_sep = (sep >> 56) & 0x80;
    }
    let mut prev_sep = after_sep != 0;
    for &c in chunks.remainder() {
        let is_sep = c == a || c == b;
        n += usize::from(prev_sep && !is_sep);
        prev_sep = is_sep;
    }
    n
}

/// The length of the run of bytes that `bytes` starts with and `inside` accepts, where `stops`
/// flags (in the top bit of each byte of a word) exactly the bytes `inside` rejects, or at least
/// the first of them.
#[inline(always)]
fn leading_run(bytes: &[u8], stops: impl Fn(u64) -> u64, inside: impl Fn(u8) -> bool) -> usize {
    let mut at = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let stop = stops(word(c));
        if stop != 0 {
            return at + stop.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    let rest = chunks.remainder();
    at + rest.iter().position(|&b| !inside(b)).unwrap_or(rest.len())
}

/// The length of the run of ASCII bytes (below 0x80) that `bytes` starts with.
pub fn ascii_run(bytes: &[u8]) -> usize {
    leading_run(bytes, |x| x & HIGH, |b| b.is_ascii())
}

/// The length of the run of printable ASCII bytes (`0x20..=0x7e`) without two spaces in a row
/// that `bytes` starts with: text whose white space is already single spaces. Flagged: a byte
/// below 0x20 (by the test of the module docs), a byte from 0x80 (by its top bit), 0x7f (DEL),
/// and a space whose previous byte (in the same word, or the last of the previous word) is a
/// space too (both by exact zero-byte tests); the lowest flag is the first byte outside the run.
pub fn normal_ascii_run(bytes: &[u8]) -> usize {
    let mut at = 0;
    // The top bit of byte 0 set: the byte before this word was a space.
    let mut after_space = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = word(c);
        let space = zero_byte_flags(x ^ (u64::from(b' ') * ONES));
        let stop = bytes_below(x, 0x20)
            | (x & HIGH)
            | zero_byte_flags(x ^ (0x7f * ONES))
            | (space & ((space << 8) | after_space));
        if stop != 0 {
            return at + stop.trailing_zeros() as usize / 8;
        }
        after_space = (space >> 56) & 0x80;
        at += 8;
    }
    let mut prev_space = after_space != 0;
    for &b in chunks.remainder() {
        if !(0x20..0x7f).contains(&b) || (b == b' ' && prev_space) {
            break;
        }
        prev_space = b == b' ';
        at += 1;
    }
    at
}

/// How many bytes of `bytes` are ASCII letters or digits: branch-free tests, summed in blocks
/// whose count fits a byte, so that the loop vectorises.
pub fn count_ascii_alphanumeric(bytes: &[u8]) -> usize {
    let letter_or_digit =
        |b: u8| u8::from((b | 0x20).wrapping_sub(b'a') < 26 || b.wrapping_sub(b'0') < 10);
    bytes
        .chunks(255)
        .map(|block| usize::from(block.iter().fold(0u8, |n, &b| n + letter_or_digit(b))))
        .sum()
}

/// The lines of `text`, as `text.split('\n')` gives them (a final empty one after a final
/// newline), found by `memchr`'s vectorised search instead of a byte at a time.
pub fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    // Each newline ends a line, and the end of the text ends the last one. A newline is one
    // byte of its own: both ends of every line are character boundaries.
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// The position of the first byte of `bytes` that is one of `set`.
pub fn find_any<const N: usize>(bytes: &[u8], set: [u8; N]) -> Option<usize> {
    let mut at = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = word(c);
        let hits = set
            .iter()
            .fold(0, |m, &b| m | bytes_below(x ^ (u64::from(b) * ONES), 1));
        if hits != 0 {
            // The lowest flagged byte is a true match (see the module docs).
            return Some(at + hits.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| set.contains(b))
        .map(|k| at + k)
}

/// [`find_any`] for a set split in two: ASCII bytes `ascii`, and bytes from 0x80 `high`. All
/// bytes from 0x80 are flagged by one exact test (the top bit) and those not in `high` are
/// stepped over: cheaper than testing each byte of `high` when such bytes are rare, as in
/// English text, where most of them are the curly marks that `high` looks for.
pub fn find_any_split<const A: usize, const H: usize>(
    bytes: &[u8],
    ascii: [u8; A],
    high: [u8; H],
) -> Option<usize> {
    let mut at = 0;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let x = word(c);
        let mut hits = ascii.iter().fold(x & HIGH, |m, &b| {
            m | bytes_below(x ^ (u64::from(b) * ONES), 1)
        });
        while hits != 0 {
            // The lowest flag is a true match of an ASCII test or a byte from 0x80 (see the
            // module docs); once a byte from 0x80 is stepped over, the same holds of the next.
            let k = hits.trailing_zeros() as usize / 8;
            if c[k] < 0x80 || high.contains(&c[k]) {
                return Some(at + k);
            }
            hits &= hits - 1;
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| ascii.contains(b) || high.contains(b))
        .map(|k| at + k)
}

/// The classes of a byte for walks over words a byte at a time: an ASCII letter (and whether
/// it is a capital), an ASCII digit, a character that may join two runs into one word (`'`,
/// `.`, `,`), or a byte of a character beyond ASCII (which the walk decodes). One table lookup
/// where the byte tests would be a chain of comparisons.
pub mod byte_class {
    pub const LETTER: u8 = 1;
    pub const DIGIT: u8 = 2;
    pub const JOINER: u8 = 4;
    pub const BEYOND_ASCII: u8 = 8;
    /// Set with [`LETTER`] on `A`..=`Z`.
    pub const UPPER: u8 = 16;

    static CLASS: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            t[b] = if c.is_ascii_uppercase() {
                LETTER | UPPER
            } else if c.is_ascii_alphabetic() {
                LETTER
            } else if c.is_ascii_digit() {
                DIGIT
            } else if matches!(c, b'\'' | b'.' | b',') {
                JOINER
            } else if c >= 0x80 {
                BEYOND_ASCII
            } else {
                0
            };
            b += 1;
        }
        t
    };

    /// The class of byte `b`.
    #[inline(always)]
    pub fn of(b: u8) -> u8 {
        CLASS[usize::from(b)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_what_split_at_newlines_gives() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "\na",
            "a\nb",
            "a\n\nb\n",
            "é\n中\r\n",
        ] {
            let got: Vec<&str> = lines(text).collect();
            let want: Vec<&str> = text.split('\n').collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_split_any_text_as_split_does(text in "([ab\n\r é]|\\PC){0,60}") {
            let got: Vec<&str> = lines(&text).collect();
            let want: Vec<&str> = text.split('\n').collect();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn runs_between_separators_are_counted_exactly() {
        let naive = |b: &[u8]| {
            b.split(|&c| c == b' ' || c == b'\n')
                .filter(|r| !r.is_empty())
                .count()
        };
        // Every byte value at every place of two chunks and a remainder, among one-byte words
        // and separators (so that a byte wrongly taken for a separator loses a word).
        for at in 0..20 {
            for v in 0..=255u8 {
                let mut b = *b"a b\nc d  e\nf g h\ni j";
                b[at] = v;
                assert_eq!(
                    count_runs_between(&b, b' ', b'\n'),
                    naive(&b),
                    "{at} {v:#x}"
                );
            }
        }
    }

    /// Every byte value at every position of a 19-byte text (two words and a remainder), over
    /// several backgrounds, and texts of every length without the byte.
    fn each_case(mut check: impl FnMut(&[u8])) {
        for background in [b'a', b'/', b':', b'!', 0xC3, 0x09, 0xB9, 0xE1, 0x00, 0xFF] {
            for at in 0..19 {
                for b in 0..=255u8 {
                    let mut text = vec![background; 19];
                    text[at] = b;
                    check(&text);
                    // A second candidate later, so the first must be the one found.
                    if at + 3 < 19 {
                        text[at + 3] = b'"';
                        check(&text);
                    }
                }
            }
        }
        for len in 0..20 {
            check(&vec![b'x'; len]);
        }
    }

    #[test]
    fn word_wide_digit_test_equals_a_byte_by_byte_one() {
        each_case(|text| {
            assert_eq!(
                has_ascii_digit(text),
                text.iter().any(u8::is_ascii_digit),
                "{text:?}"
            );
        });
    }

    /// [`normal_ascii_run`] a byte at a time.
    fn normal_walk(text: &[u8]) -> usize {
        (0..text.len())
            .find(|&i| {
                !(0x20..0x7f).contains(&text[i])
                    || (text[i] == b' ' && i > 0 && text[i - 1] == b' ')
            })
            .unwrap_or(text.len())
    }

    #[test]
    fn word_wide_runs_end_where_a_byte_by_byte_walk_ends() {
        let run = |text: &[u8], keep: fn(&u8) -> bool| {
            text.iter().position(|b| !keep(b)).unwrap_or(text.len())
        };
        each_case(|text| {
            assert_eq!(ascii_run(text), run(text, u8::is_ascii), "{text:?}");
            assert_eq!(normal_ascii_run(text), normal_walk(text), "{text:?}");
        });
        // Single and doubled spaces at every place of two words and a remainder.
        for at in 0..19 {
            for second in [at + 1, at + 2, at + 8] {
                let mut text = vec![b'a'; 19];
                text[at] = b' ';
                if second < 19 {
                    text[second] = b' ';
                }
                assert_eq!(normal_ascii_run(&text), normal_walk(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn byte_classes_are_what_their_names_say() {
        use byte_class::*;
        for b in 0..=255u8 {
            let c = of(b);
            assert_eq!(c & LETTER != 0, b.is_ascii_alphabetic(), "{b:#x}");
            assert_eq!(c & UPPER != 0, b.is_ascii_uppercase(), "{b:#x}");
            assert_eq!(c & DIGIT != 0, b.is_ascii_digit(), "{b:#x}");
            assert_eq!(c & JOINER != 0, matches!(b, b'\'' | b'.' | b','), "{b:#x}");
            assert_eq!(c & BEYOND_ASCII != 0, !b.is_ascii(), "{b:#x}");
            assert_eq!(
                (c & !UPPER).count_ones(),
                u32::from(c != 0),
                "{b:#x}: one class at most (a capital is a letter)"
            );
        }
    }

    #[test]
    fn word_wide_letter_count_equals_a_byte_by_byte_one() {
        each_case(|text| {
            assert_eq!(
                count_ascii_alphanumeric(text),
                text.iter().filter(|b| b.is_ascii_alphanumeric()).count(),
                "{text:?}"
            );
        });
        let long = b"Zz09 ~`@[{".repeat(300);
        assert_eq!(count_ascii_alphanumeric(&long), 1200);
    }

    #[test]
    fn split_search_finds_the_first_byte_of_the_set() {
        let (ascii, high) = ([b'"', b'`', b'\''], [0xE2, 0xC2]);
        each_case(|text| {
            assert_eq!(
                find_any_split(text, ascii, high),
                find_any(text, [b'"', b'`', b'\'', 0xE2, 0xC2]),
                "{text:?}"
            );
        });
    }

    #[test]
    fn word_wide_search_finds_the_first_byte_of_the_set() {
        let set = [b'"', b'`', b'\'', 0xE2, 0xC2];
        each_case(|text| {
            assert_eq!(
                find_any(text, set),
                text.iter().position(|b| set.contains(b)),
                "{text:?}"
            );
        });
    }
}
