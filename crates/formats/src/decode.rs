//! From bytes to text.

use crate::read::FormatError;

/// Decoded text, with the byte offset of the first invalid UTF-8 sequence if any was replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub invalid_utf8_at: Option<usize>,
}

/// Decode `bytes`: a UTF-8 byte-order mark is dropped; empty (or white-space only) input and
/// binary input (a NUL byte, or many control bytes, in the first 8 KiB) are errors; invalid UTF-8
/// is replaced by U+FFFD and reported.
pub fn decode(bytes: &[u8]) -> Result<Decoded, FormatError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(8192)];
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if head.contains(&0) || control * 10 > head.len().max(1) {
        return Err(FormatError::Binary);
    }
    let (text, invalid_utf8_at) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(e.valid_up_to()),
        ),
    };
    if text.trim().is_empty() {
        return Err(FormatError::Empty);
    }
    // Normalise line ends so that line-based cleaning sees paragraphs.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(Decoded {
        text,
        invalid_utf8_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(decode(b"").unwrap_err(), FormatError::Empty);
        assert_eq!(decode(b"  \n\t ").unwrap_err(), FormatError::Empty);
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap_err(),
            FormatError::Binary
        );
        let d = decode(b"caf\xe9 au lait").unwrap();
        assert_eq!(d.text, "caf\u{fffd} au lait");
        assert_eq!(d.invalid_utf8_at, Some(3));
        let d = decode(b"\xEF\xBB\xBFline one\r\nline two").unwrap();
        assert_eq!(d.text, "line one\nline two");
        assert_eq!(d.invalid_utf8_at, None);
    }
}
