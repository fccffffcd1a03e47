//! What follows an article on its page: copyright lines, read-more and related links, and the
//! footers of aggregators and blogs.

use super::{Group, Probe};
use crate::clean::starts_with_any;
use crate::model::RemovalReason;

/// A copyright line ("© 2026 The Daily Ledger. All rights reserved.").
pub(super) fn copyright(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe {
        lower,
        words,
        found,
        ..
    } = p;
    if words <= 40
        && (found.has(Group::Copyright)
            || starts_with_any(lower, &["copyright ", "©", "(c) 19", "(c) 20"]))
    {
        return Some(R::Copyright);
    }
    None
}

/// A link to other stories ("Read more: ...", "... click here").
pub(super) fn read_more_link(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe { bare, words, .. } = p;
    if words <= 25
        && starts_with_any(
            bare,
            &[
                "read more",
                "more news:",
                "more:",
                "related:",
                "related coverage",
                "related stories",
                "related articles",
                "related content",
                "see also",
                "also read",
                "also see",
                "recommended",
                "watch:",
                "watch video",
                "watch the video",
                "click here",
                "read the full",
                "read full",
                "more from",
                "you may also like",
                "you might also like",
                "trending:",
                "trending now",
                "don't miss",
                "more on this",
                "next article",
                "previous article",
                "read next",
                "further reading",
                "editor's picks",
                "most popular",
                "most read",
                "top stories",
                "latest news",
                "more stories",
                "listen to this article",
                "listen:",
            ],
        )
        || (words <= 20 && bare.ends_with("click here"))
    {
        return Some(R::ReadMoreLink);
    }
    None
}

/// An aggregator's or blog's footer ("Powered by ...", "Tags: ...", "Privacy policy").
pub(super) fn aggregator_footer(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe { bare, words, .. } = p;
    if words <= 30
        && starts_with_any(
            bare,
            &[
                "powered by",
                "this article was automatically",
                "this article was generated",
                "this story has been published from a wire agency",
                "this article originally appeared",
                "originally published",
                "this story was originally",
                "distributed by",
                "topics:",
                "tags:",
                "filed under",
                "more stories from",
                "source:",
                "sources:",
                "view comments",
                "comments are closed",
                "this entry was posted",
                "report an error",
                "contact us",
                "terms of use",
                "privacy policy",
                "cookie policy",
                "about us",
            ],
        )
    {
        return Some(R::AggregatorFooter);
    }
    None
}
