//! What stands in place of an article rather than in its prose.

use super::{Found, Group};
use crate::model::RemovalReason;

/// Text that stands in place of an article or inside its widgets rather than in its prose: a web
/// archive's notice about its crawls, an embedded post's or a comment box's help text, a photo
/// gallery's run of captions. These may quote a name or a caption, so they are removed whatever
/// quotes they hold.
pub(super) fn page_in_place_of_article(
    lower: &str,
    words: usize,
    found: Found,
) -> Option<RemovalReason> {
    if words <= 150 && found.has(Group::WebArchive) && found.has(Group::WebArchiveContext) {
        return Some(RemovalReason::PageNotice);
    }
    if words <= 80 && found.has(Group::EmbedNotice) {
        return Some(RemovalReason::SocialPrompt);
    }
    // A comment box's help text: "This name will appear next to all of your comments".
    if words <= 30 && found.has(Group::CommentBox) {
        return Some(RemovalReason::ShareWidget);
    }
    // "Hide Caption 16 of 76 Photos: ..." repeated for every picture of the gallery.
    if found.has(Group::Gallery) && (words <= 45 || lower.matches(" caption ").nth(1).is_some()) {
        return Some(RemovalReason::PhotoCredit);
    }
    None
}
