//! Widgets a page wraps around an article: advertisement markers, share and print buttons, media
//! players' prompts.

use super::{Group, Probe};
use crate::model::RemovalReason;

/// "Advertisement", "Story continues below advertisement" and other ad markers.
pub(super) fn advertisement(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let bare = p.bare;
    if matches!(
        bare,
        "advertisement"
            | "advertisements"
            | "ad"
            | "ads"
            | "sponsored"
            | "sponsored content"
            | "story continues below advertisement"
            | "continue reading the main story"
            | "advertisement continue reading the main story"
            | "skip advertisement"
            | "scroll to continue with content"
            | "article continues below"
            | "paid content"
            | "promoted content"
            | "continue reading below"
            | "story continues below"
    ) {
        return Some(R::Advertisement);
    }
    None
}

/// A short run of share, print and comment buttons ("Share on Facebook Share on Twitter").
pub(super) fn share_widget(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe { lower, words, .. } = p;
    if words <= 12 {
        let toks: Vec<&str> = lower.split(' ').collect();
        let all_share = toks.iter().all(|w| {
            SHARE_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+'))
                || w.chars()
                    .all(|c| c.is_ascii_digit() || !c.is_alphanumeric())
        });
        let cue = toks.iter().any(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "share"
                    | "print"
                    | "comment"
                    | "comments"
                    | "tweet"
                    | "email"
                    | "reprints"
                    | "bookmark"
            )
        });
        if all_share && cue {
            return Some(R::ShareWidget);
        }
    }
    None
}

/// A media player's or browser's prompt (Flash, JavaScript, cookies, video blurbs).
pub(super) fn media_prompt(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe { text, found, .. } = p;
    // A video player's blurb: "CLOSE Officials met on Thursday ... (July 6) AP".
    if found.has(Group::MediaPrompt) || text.starts_with("CLOSE ") {
        return Some(R::MediaPrompt);
    }
    None
}

const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "email",
    "e-mail",
    "print",
    "comment",
    "comments",
    "adjust",
    "pin",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "reddit",
    "save",
    "copy",
    "link",
    "this",
    "article",
    "story",
    "on",
    "x",
    "messenger",
    "to",
    "gift",
    "font",
    "size",
    "text",
    "a",
    "the",
    "via",
    "pinterest",
    "flipboard",
    "telegram",
    "sms",
    "mail",
    "post",
    "options",
    "more",
    "show",
    "hide",
    "close",
    "view",
    "tumblr",
    "google+",
    "google",
    "+",
    "bookmark",
    "reprint",
    "reprints",
    "permissions",
    "license",
    "share:",
    "page",
];
