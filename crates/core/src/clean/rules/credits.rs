//! Photo credits and captions: "Maxim Shemetov | Reuters", "(AP Photo/Jane Roe)", "Photo: ...",
//! and captions credited to an agency at their end, which are kept as context only.

use super::{Found, Group, Probe, CREDIT_LABELS};
use crate::clean::starts_with_any;
use crate::model::RemovalReason;

/// A photo credit or caption.
pub(super) fn photo_credit(p: &Probe<'_>) -> Option<RemovalReason> {
    is_photo_credit(p.text, p.lower, p.words, p.found).then_some(RemovalReason::PhotoCredit)
}

/// Agencies that a credit names after a bar or slash ("Jane Doe/AP").
const AGENCIES: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "getty images",
    "getty",
    "epa",
    "xinhua",
    "associated press",
    "ap photo",
    "shutterstock",
    "bloomberg",
    "vcg photo",
    "vcg",
    "afp via getty images",
    "ansa",
    "tass",
    "sputnik",
    "alamy",
    "pa",
    "pa wire",
    "efe",
    "anadolu",
    "reuters photo",
    "file photo",
];

/// A photo credit or caption by its marks: a caption or credit label opening the line, an
/// inline agency credit, a label with a short tail, a name and an outlet after a bar, or an agency
/// after a bar or slash at the end.
fn is_photo_credit(text: &str, lower: &str, words: usize, found: Found) -> bool {
    // No credit below runs longer than 45 words.
    if words > 45 {
        return false;
    }
    // A credit has one of these marks or words.
    let marked = lower.contains([':', '|', '/', '(']) || found.has(Group::PhotoWord);
    if !marked {
        return false;
    }
    if starts_with_any(
        lower,
        &[
            "photo:",
            "photo by",
            "photograph:",
            "photos:",
            "image:",
            "image caption",
            "image copyright",
            "pictured:",
            "caption:",
            "credit:",
            "file photo",
            "picture:",
            "(photo",
            "photo credit",
            "photo gallery",
            "enlarge image",
            "enlarge this image",
            "in this photo",
            "in this file photo",
            "in this undated photo",
            "in this handout photo",
            "a handout photo",
            "file - ",
            "file – ",
        ],
    ) && words <= 40
    {
        return true;
    }
    if found.has(Group::CreditInline) {
        return true;
    }
    // "... Photo: Metro Online / Karin Holt": a credit label with a short tail.
    if found.has(Group::CreditLabel) {
        for label in CREDIT_LABELS {
            if let Some(i) = lower.find(label) {
                if lower[i + label.len()..].split_whitespace().count() <= 8 {
                    return true;
                }
            }
        }
    }
    // "Piet Janssen | Valley Courier": a name, a bar, a short capitalised outlet.
    if let Some((before, after)) = text.rsplit_once(" | ") {
        let outlet: Vec<&str> = after.split_whitespace().collect();
        let name: Vec<&str> = before.split_whitespace().rev().take(2).collect();
        let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        if (1..=4).contains(&outlet.len())
            && outlet.iter().all(capital)
            && name.len() == 2
            && name.iter().all(capital)
        {
            return true;
        }
    }
    // "Maxim Shemetov | Reuters", "Jane Doe/AP", "/VCG Photo".
    let tail = lower.rsplit(['|', '/']).next().map(str::trim).unwrap_or("");
    if (text.contains('|') || text.contains('/')) && AGENCIES.contains(&tail) && words <= 30 {
        return true;
    }
    false
}

/// A caption credited to an agency at its end, often cut short: "A sign at the plant on
/// Thursday. Police say the tank held a cleaning... (Associated Press)".
pub(in crate::clean) fn is_credited_caption(lower: &str, words: usize) -> bool {
    words <= 60
        && lower.ends_with(')')
        && [
            "(associated press)",
            "(ap)",
            "(reuters)",
            "(afp)",
            "(getty images)",
        ]
        .iter()
        .any(|c| lower.ends_with(c))
}
