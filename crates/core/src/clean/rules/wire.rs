//! Notes that wire services and syndicates put around a story for editors: end marks and slugs,
//! distribution notes, contact lines.

use super::{Group, Probe};
use crate::clean::starts_with_any;
use crate::model::RemovalReason;

/// Notes that wire services and syndicates put around a story for editors.
pub(super) fn wire_service_note(p: &Probe<'_>) -> Option<RemovalReason> {
    use RemovalReason as R;
    let &Probe {
        bare, words, found, ..
    } = p;
    // End marks and slugs: "MORE", "XXXX END OF STORY", "-0-", "$$$", "X X X" (short lines only).
    if words <= 6 {
        let compact: String = bare.chars().filter(|c| !c.is_whitespace()).collect();
        if matches!(
            compact.as_str(),
            "more"
                | "end"
                | "xxx"
                | "xxxx"
                | "nn"
                | "$$$"
                | "-0-"
                | "###"
                | "-30-"
                | "endit"
                | "endall"
        ) || (words <= 6 && found.has(Group::EndOfStory))
            || (!compact.is_empty() && compact.chars().all(|c| c == 'x'))
        {
            return Some(R::Separator);
        }
    }
    if words <= 40
        && (starts_with_any(
            bare,
            &[
                "for use by",
                "(for use by",
                "(distributed by",
                "attention editors",
                "editors:",
                "editor's note",
                "(editor's note",
                "photo and graphics information",
                "(to publish this article",
                "-0- (to publish",
                "(this article is excerpted",
                "this article is excerpted",
                "(story can end here",
                "(optional add end",
                "(end optional",
                "new america news service",
            ],
        ) || (found.has(Group::Tel) && found.has(Group::Fax))
            || (found.has(Group::NewsService) && found.has(Group::Clients)))
    {
        return Some(R::AggregatorFooter);
    }
    if words <= 14
        && starts_with_any(
            bare,
            &[
                "e-mail ",
                "email ",
                "contact ",
                "(visit ",
                "reach the reporter",
            ],
        )
        && found.has(Group::ContactMark)
    {
        return Some(R::Byline);
    }
    None
}
