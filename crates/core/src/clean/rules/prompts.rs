//! Prompts to do something other than read: subscribe, download an app, follow on a social
//! network. Embedded social posts are told apart from them: an article quotes those.

use super::{Found, Group, Probe};
use crate::clean::starts_with_any;
use crate::model::RemovalReason;

/// A newsletter, subscription or app prompt ("Sign up for our morning newsletter",
/// "Download the City Radio app for live updates.").
pub(super) fn subscription(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe {
        lower,
        words,
        found,
        ..
    } = p;
    if words <= 35 && found.has(Group::Subscribe) {
        return Some(R::NewsletterPrompt);
    }
    // "Download the City Radio app for live updates."
    if words <= 14
        && starts_with_any(lower, &["download ", "get ", "install "])
        && (found.has(Group::App) || lower.ends_with(" app"))
    {
        return Some(R::NewsletterPrompt);
    }
    None
}

/// An embedded post that an article quotes: "... pic.twitter.com/x — Name (@handle) April 25,
/// 2017". It is what someone said, not a prompt, so it is kept and protected like a quote.
pub(super) fn is_embedded_post(p: &Probe<'_>) -> bool {
    p.words <= 80
        && (p.found.has(Group::PicTwitter)
            || (p.found.has(Group::HandleOpen) && p.found.has(Group::ParenSpace)))
}

/// A prompt to follow or like on a social network ("Follow us on Twitter @ledger").
pub(super) fn social_prompt(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe {
        lower,
        words,
        found,
        ..
    } = p;
    if words <= 20 && is_social_prompt(lower, found) {
        return Some(R::SocialPrompt);
    }
    None
}

/// "Like ...", "Follow ...", "Join ..." and a social network's name.
fn is_social_prompt(lower: &str, found: Found) -> bool {
    let verbs = [
        "like ",
        "follow ",
        "join ",
        "find us",
        "connect with",
        "friend us",
        "subscribe",
    ];
    starts_with_any(lower, &verbs) && found.has(Group::SocialNetwork)
}
