//! Boilerplate removal for web and wire text.
//!
//! Cleaning works line by line (a line is a paragraph) in three passes:
//!
//! 1. **Rules** recognise what pages wrap around an article: advertisement markers, bylines and
//!    timestamps, photo captions and credits, share/print/comment widgets, newsletter and app
//!    prompts, social prompts, read-more links, aggregator footers, copyright lines, media-player
//!    prompts; and what stands in place of an article (a web archive's notice about its crawls,
//!    a photo gallery's captions), removed even when it quotes. A dateline prefix ("LONDON
//!    (Reuters) -", "PHOENIX _") is cut from the first lines. A caption credited to an agency at
//!    its end ("... (Associated Press)") is kept as context only: it names what the story is
//!    about, but no summary quotes it ([`Cleaned::context_only`]).
//! 2. **Evidence across the story**: a short line without sentence punctuation that appears in two
//!    or more articles that are not copies of each other is page furniture of a shared site; a run
//!    of short headline-like lines (no final punctuation) is a list of related headlines.
//! 3. **Protection**: a line holding quoted speech is never removed, and neither is the lede (the
//!    first prose line of an article), whatever the rules say.
//!
//! The cleaned text is the kept lines, white space normalised, joined by `\n`; every span later in
//! the pipeline points into it. Each removal is recorded with its [`RemovalReason`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::dedup::Copies;
use crate::model::{Removal, RemovalReason, Span};

/// The cleaned text of one article and what was removed from it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub removed: Vec<Removal>,
    /// Byte ranges of `text` kept as context only: photo captions credited to an agency at
    /// their end. They say what the story is about (its people and places) but are not prose
    /// to quote, so summaries never extract them.
    pub context_only: Vec<Span>,
}

/// One input article for cleaning: its body and (optional) title.
#[derive(Debug, Clone, Copy)]
pub struct CleanInput<'a> {
    pub text: &'a str,
    pub title: Option<&'a str>,
}

struct Line {
    text: String,
    lower: String,
    words: usize,
    removed: Option<RemovalReason>,
    protected: bool,
    context_only: bool,
}

/// Clean every article of a story together (cross-article evidence needs all of them).
pub fn clean_story(inputs: &[CleanInput<'_>], copies: &Copies) -> Vec<Cleaned> {
    let mut docs: Vec<Vec<Line>> = inputs.iter().map(|a| rule_pass(a.text, a.title)).collect();
    let mut datelines: Vec<Vec<Removal>> = Vec::with_capacity(docs.len());
    for lines in &mut docs {
        datelines.push(strip_datelines(lines));
        protect(lines);
    }
    repeated_lines_pass(&mut docs, copies);
    for lines in &mut docs {
        headline_list_pass(lines);
    }
    docs.into_iter()
        .zip(datelines)
        .map(|(lines, dl)| {
            let mut removed = dl;
            // The kept lines, a newline each: at most their texts' length and one byte a line.
            let mut text =
                String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum::<usize>());
            let mut context_only = Vec::new();
            for l in &lines {
                match l.removed {
                    Some(reason) if !l.protected => removed.push(Removal {
                        text: l.text.clone(),
                        reason,
                    }),
                    _ => {
                        if !text.is_empty() {
                            text.push('\n');
                        }
                        if l.context_only {
                            context_only.push(Span::new(text.len(), text.len() + l.text.len()));
                        }
                        text.push_str(&l.text);
                    }
                }
            }
            Cleaned {
                text,
                removed,
                context_only,
            }
        })
        .collect()
}

/// Normalise white space (including no-break and zero-width spaces) to single spaces, trimmed,
/// and drop control characters.
fn normalize_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let blank = |c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}';
    for piece in raw.split(blank) {
        let kept: Cow<'_, str> = if piece.contains(char::is_control) {
            Cow::Owned(piece.chars().filter(|c| !c.is_control()).collect())
        } else {
            Cow::Borrowed(piece)
        };
        if kept.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&kept);
    }
    out
}

fn words_key(lower: &str) -> String {
    let mut key = String::with_capacity(lower.len());
    for w in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(w);
    }
    key
}

fn rule_pass(text: &str, title: Option<&str>) -> Vec<Line> {
    let title_key = title
        .map(|t| words_key(&t.to_lowercase()))
        .unwrap_or_default();
    let mut lines = Vec::new();
    for raw in text.split('\n') {
        let t = normalize_line(raw);
        if t.is_empty() {
            continue;
        }
        let lower = t.to_lowercase();
        let words = pieces(&t);
        let mut removed = classify(&t, &lower, words);
        if removed.is_none()
            && lines.is_empty()
            && !title_key.is_empty()
            && words_key(&lower) == title_key
        {
            removed = Some(RemovalReason::TitleRepeated);
        }
        let context_only = removed.is_none() && is_credited_caption(&lower, words);
        lines.push(Line {
            text: t,
            lower,
            words,
            removed,
            protected: false,
            context_only,
        });
    }
    lines
}

fn has_quoted_speech(text: &str) -> bool {
    // A pair of quote marks with at least three words between them.
    let pairs: [(&str, &str); 3] = [("\"", "\""), ("“", "”"), ("``", "''")];
    for (open, close) in pairs {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            let after = &rest[i + open.len()..];
            match after.find(close) {
                Some(j) => {
                    if after[..j].split_whitespace().nth(2).is_some() {
                        return true;
                    }
                    rest = &after[j + close.len()..];
                }
                None => {
                    // An open quote that runs to the end of the paragraph (continued quotes).
                    return after.split_whitespace().nth(5).is_some();
                }
            }
        }
    }
    false
}

/// `s.split(' ').count()`, counting the spaces in one pass (a normalised line's words).
fn pieces(s: &str) -> usize {
    s.bytes().filter(|&b| b == b' ').count() + 1
}

fn ends_like_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn starts_with_any(s: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| s.starts_with(p))
}

fn is_timestamp_line(lower: &str, words: usize) -> bool {
    if words > 12 || !lower.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if starts_with_any(
        lower,
        &[
            "published",
            "update,",
            "update:",
            "updated",
            "posted",
            "last updated",
            "first published",
            "last modified",
            "modified",
        ],
    ) {
        return true;
    }
    let toks: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let datey = toks
        .iter()
        .filter(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || crate::text::MONTH_WORDS.contains(w)
                || crate::text::DAY_WORDS.contains(w)
                || matches!(
                    **w,
                    "am" | "pm"
                        | "a"
                        | "m"
                        | "p"
                        | "et"
                        | "est"
                        | "edt"
                        | "gmt"
                        | "utc"
                        | "bst"
                        | "pt"
                        | "pst"
                        | "pdt"
                        | "cet"
                        | "ist"
                )
        })
        .count();
    !toks.is_empty() && datey * 10 >= toks.len() * 8
}

/// The groups of substrings that the rules look for anywhere in a (lower-cased) line.
#[derive(Debug, Clone, Copy)]
enum Group {
    PhotoWord,
    CreditInline,
    CreditLabel,
    MediaPrompt,
    Copyright,
    Subscribe,
    App,
    PicTwitter,
    HandleOpen,
    ParenSpace,
    BylineRole,
    EndOfStory,
    Tel,
    Fax,
    NewsService,
    Clients,
    ContactMark,
    SocialNetwork,
    WebArchive,
    WebArchiveContext,
    EmbedNotice,
    CommentBox,
    Gallery,
}

/// The substrings of each [`Group`], in the enum's order.
const GROUPS: [&[&str]; 23] = [
    &["photo", "getty", "caption", "enlarge"],
    &[
        "(ap photo",
        "(reuters photo",
        "(afp photo",
        "(photo:",
        "(photo by",
        "/getty images",
        "| getty images",
        "via getty images",
        "/vcg photo",
    ],
    CREDIT_LABELS,
    &[
        "adobe flash player",
        "enable javascript",
        "javascript is disabled",
        "your browser does not support",
        "media playback is unsupported",
        "this video is no longer available",
        "video player is loading",
        "please upgrade your browser",
        "turn on javascript",
        "this content is not available",
        "replay more videos",
        "video loading",
        "video unavailable",
        "click to play",
        "tap to play",
        "the video will start in",
        "rating is available when the video has been rented",
        "the interactive transcript could not be loaded",
        "watch queue queue",
        "we use cookies",
        "please enable cookies",
    ],
    &[
        "all rights reserved",
        "this material may not be published",
        "may not be reproduced",
        "copyright notice",
        "for your personal, non-commercial use only",
    ],
    &[
        "sign up for",
        "sign up to",
        "subscribe to",
        "subscribe now",
        "subscribe for",
        "newsletter",
        "download the app",
        "download our app",
        "get the app",
        "in your inbox",
        "to your inbox",
        "thank you for subscribing",
        "could not subscribe",
        "sent you a verification email",
        "for this subscription service",
        "straight to your phone",
        "straight to your inbox",
        "already a subscriber",
        "subscribers only",
        "create a free account",
        "log in to",
        "register to continue",
        "support our journalism",
        "become a member",
        "get unlimited access",
        "unlock this article",
    ],
    &[" app ", " app."],
    &["pic.twitter.com"],
    &["(@"],
    &[") "],
    &[
        "staff writer",
        "staff reporter",
        "associated press writer",
        "correspondent",
        "contributing writer",
        "senior writer",
        "news service",
    ],
    &["end of story"],
    &["tel:"],
    &["fax:"],
    &["news service"],
    &["clients"],
    &["@", "(at)", " at ", "www."],
    &[
        "facebook",
        "twitter",
        "instagram",
        "youtube",
        "tiktok",
        "linkedin",
        " on x",
        "threads",
        "bluesky",
    ],
    // The notices a web archive shows in place of a page it captured ("These crawls are part
    // of an effort to archive pages ...", "The WARC files associated with this crawl ...").
    &[
        "this crawl",
        "these crawls",
        "crawl data",
        "crawls of supported",
        "web crawls",
        "webcrawl",
        "archive-it",
        "warcs",
        "the page you requested was not found",
    ],
    &["archive", "wayback", "warc", "url", "collection"],
    // The notices that an embedded post leaves in the text of a page.
    &[
        "location information to your tweets",
        "add a location to your tweets",
        "tweet location history",
        "add this tweet to your website",
    ],
    &["next to all of your comments"],
    &["hide caption", "show caption", "toggle caption"],
];

/// Credit labels followed by a short tail ("... Photo: Metro Online / Karin Holt").
const CREDIT_LABELS: &[&str] = &[
    "photo:",
    "photograph:",
    "picture:",
    "image:",
    "credit:",
    "photo by ",
    "photos:",
];

/// Which [`Group`]s have a substring in a lower-cased line: found in one pass by one
/// Aho-Corasick automaton over every group's substrings, built once.
#[derive(Debug, Clone, Copy)]
struct Found(u32);

impl Found {
    fn in_line(lower: &str) -> Found {
        static MATCHER: std::sync::LazyLock<(aho_corasick::AhoCorasick, Vec<u32>)> =
            std::sync::LazyLock::new(|| {
                let patterns: Vec<(&str, u32)> = GROUPS
                    .iter()
                    .enumerate()
                    .flat_map(|(g, list)| list.iter().map(move |&p| (p, 1u32 << g)))
                    .collect();
                // A DFA: a few hundred short patterns make a small one, and lines are many.
                let ac = aho_corasick::AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .build(patterns.iter().map(|p| p.0))
                    .expect("the rule substrings are a small fixed list");
                (ac, patterns.iter().map(|p| p.1).collect())
            });
        let (ac, bit) = &*MATCHER;
        Found(
            ac.find_overlapping_iter(lower)
                .fold(0, |set, m| set | bit[m.pattern().as_usize()]),
        )
    }

    fn has(self, group: Group) -> bool {
        self.0 & (1 << group as u32) != 0
    }
}

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
fn is_credited_caption(lower: &str, words: usize) -> bool {
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

fn is_byline(text: &str, words: usize, found: Found) -> bool {
    if words > 12 || ends_with_sentence_stop(text) {
        return false;
    }
    if let Some(rest) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("BY "))
    {
        return rest.chars().next().is_some_and(char::is_uppercase);
    }
    words <= 8 && found.has(Group::BylineRole)
}

fn ends_with_sentence_stop(text: &str) -> bool {
    // A period after a lone initial or abbreviation ("By J. Smith, Assoc.") does not count.
    let t = text.trim_end();
    if !t.ends_with(['.', '!', '?']) {
        return false;
    }
    let last = t.rsplit(' ').next().unwrap_or("");
    last.len() > 4
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

/// Classify one line by rules. `None` keeps it.
pub fn classify(text: &str, lower: &str, words: usize) -> Option<RemovalReason> {
    if !text.chars().any(char::is_alphanumeric) {
        return Some(RemovalReason::Separator);
    }
    let found = Found::in_line(lower);
    if let Some(reason) = page_in_place_of_article(lower, words, found) {
        return Some(reason);
    }
    // Quoted speech is never removed, whatever a rule says.
    rule(text, lower, words, found).filter(|_| !has_quoted_speech(text))
}

/// Text that stands in place of an article or inside its widgets rather than in its prose: a web
/// archive's notice about its crawls, an embedded post's or a comment box's help text, a photo
/// gallery's run of captions. These may quote a name or a caption, so they are removed whatever
/// quotes they hold.
fn page_in_place_of_article(lower: &str, words: usize, found: Found) -> Option<RemovalReason> {
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

fn rule(text: &str, lower: &str, words: usize, found: Found) -> Option<RemovalReason> {
    use RemovalReason as R;
    let bare = lower.trim_end_matches(['.', ':', '!']).trim();
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
    if is_photo_credit(text, lower, words, found) {
        return Some(R::PhotoCredit);
    }
    // A video player's blurb: "CLOSE Officials met on Thursday ... (July 6) AP".
    if found.has(Group::MediaPrompt) || text.starts_with("CLOSE ") {
        return Some(R::MediaPrompt);
    }
    if words <= 40
        && (found.has(Group::Copyright)
            || starts_with_any(lower, &["copyright ", "©", "(c) 19", "(c) 20"]))
    {
        return Some(R::Copyright);
    }
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
    // An embedded post: "... pic.twitter.com/x — Name (@handle) April 25, 2017".
    if words <= 80
        && (found.has(Group::PicTwitter)
            || (found.has(Group::HandleOpen) && found.has(Group::ParenSpace)))
    {
        return Some(R::SocialPrompt);
    }
    if words <= 20 && is_social_prompt(lower, found) {
        return Some(R::SocialPrompt);
    }
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
    if words <= 25
        && starts_with_any(
            lower,
            &[
                "(reporting by",
                "reporting by",
                "(additional reporting",
                "additional reporting by",
                "(writing by",
                "writing by",
                "(editing by",
                "editing by",
                "compiled by",
                "(compiled by",
                "(this story has been",
                "(this version of the story",
            ],
        )
    {
        return Some(R::Byline);
    }
    if let Some(reason) = wire_service_note(bare, words, found) {
        return Some(reason);
    }
    if is_byline(text, words, found) {
        return Some(R::Byline);
    }
    if is_timestamp_line(lower, words) {
        return Some(R::Timestamp);
    }
    None
}

/// Notes that wire services and syndicates put around a story for editors.
fn wire_service_note(bare: &str, words: usize, found: Found) -> Option<RemovalReason> {
    use RemovalReason as R;
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

/// Cut a dateline ("LONDON (Reuters) - ", "PHOENIX _ ", "BEIJING, Feb. 3 (Xinhua) -- ") from the
/// start of the first two kept lines.
fn strip_datelines(lines: &mut [Line]) -> Vec<Removal> {
    let mut removed = Vec::new();
    for line in lines.iter_mut().filter(|l| l.removed.is_none()).take(2) {
        if let Some(cut) = dateline_len(&line.text) {
            let prefix = line.text[..cut].trim().to_string();
            let rest = line.text[cut..].trim_start().to_string();
            if rest.is_empty() {
                continue;
            }
            removed.push(Removal {
                text: prefix,
                reason: RemovalReason::Dateline,
            });
            line.lower = rest.to_lowercase();
            line.words = pieces(&rest);
            line.text = rest;
        }
    }
    removed
}

/// Byte length of a dateline prefix including its separator, if the line starts with one.
fn dateline_len(text: &str) -> Option<usize> {
    const SEPS: [&str; 6] = [" _ ", " -- ", " — ", " – ", " - ", " —"];
    let mut cut = text.len().min(90);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &text[..cut];
    let (pos, sep) = SEPS
        .iter()
        .filter_map(|s| window.find(s).map(|p| (p, *s)))
        .min_by_key(|&(p, _)| p)?;
    let prefix = &text[..pos];
    if prefix.is_empty() || prefix.split(' ').count() > 9 || prefix.contains(['"', '“']) {
        return None;
    }
    // "(AP)" or "(Reuters)" alone.
    let agency_only = prefix.starts_with('(') && prefix.ends_with(')') && prefix.len() <= 24;
    if !agency_only {
        // An upper-case place ("NEW YORK", "ST. LOUIS"), then optionally ", Region, Date" or
        // "(Agency)".
        let caps_end = prefix
            .char_indices()
            .find(|&(_, c)| !(c.is_uppercase() || c == ' ' || c == '.' || c == '\'' || c == '-'))
            .map(|(i, _)| i)
            .unwrap_or(prefix.len());
        let caps = prefix[..caps_end].trim();
        let letters = caps.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 3 {
            return None;
        }
        let rest = prefix[caps_end..].trim_start();
        if !(rest.is_empty() || rest.starts_with(',') || rest.starts_with('(')) {
            return None;
        }
        // The first word must be a place in capitals, not an acronym opening a sentence
        // ("NATO leaders met - ...": "leaders" follows in lower case, so `rest` rejects it).
    }
    Some(pos + sep.len())
}

/// Protect quoted speech and the lede from the evidence passes.
fn protect(lines: &mut [Line]) {
    let mut lede_found = false;
    for l in lines.iter_mut() {
        if l.removed.is_some() {
            continue;
        }
        if has_quoted_speech(&l.text) {
            l.protected = true;
        }
        if !lede_found && l.words >= 8 && ends_like_sentence(&l.text) {
            l.protected = true;
            lede_found = true;
        }
    }
}

/// Short unpunctuated lines that recur in articles which are not copies of each other.
fn repeated_lines_pass(docs: &mut [Vec<Line>], copies: &Copies) {
    if docs.len() < 2 {
        return;
    }
    // Keys are hashes of the lines' words (lower case, punctuation dropped): equal lines have
    // equal keys; the rare collision could only merge two short furniture lines. Only the
    // candidates' keys are needed to find repeats; every line's only when there are some.
    let candidate = |l: &Line| {
        l.removed.is_none() && !l.protected && l.words <= 12 && !ends_like_sentence(&l.text)
    };
    let mut where_: BTreeMap<u64, BTreeSet<usize>> = BTreeMap::new();
    for (d, lines) in docs.iter().enumerate() {
        for l in lines.iter().filter(|l| candidate(l)) {
            where_.entry(words_hash(&l.lower)).or_default().insert(d);
        }
    }
    where_.retain(|_, ds| ds.len() >= 2);
    if where_.is_empty() {
        return;
    }
    let line_keys: Vec<Vec<u64>> = docs
        .iter()
        .map(|lines| lines.iter().map(|l| words_hash(&l.lower)).collect())
        .collect();
    for (key, ds) in where_ {
        let ds: Vec<usize> = ds.into_iter().collect();
        // A line that copies of one article share is theirs; one that articles written apart
        // share is their site's.
        let independent = ds
            .iter()
            .enumerate()
            .any(|(i, &a)| ds[i + 1..].iter().any(|&b| !copies.same_group(a, b)));
        if !independent {
            continue;
        }
        for &d in &ds {
            for (l, &k) in docs[d].iter_mut().zip(&line_keys[d]) {
                if l.removed.is_none() && !l.protected && k == key {
                    l.removed = Some(RemovalReason::RepeatedAcrossArticles);
                }
            }
        }
    }
}

/// Hash of a line's words (lower case, split on anything not alphanumeric).
fn words_hash(lower: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    let mut any = false;
    for w in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        w.hash(&mut h);
        any = true;
    }
    if any {
        h.finish()
    } else {
        0
    }
}

fn headline_like(l: &Line) -> bool {
    l.removed.is_none()
        && !l.protected
        && (2..=16).contains(&l.words)
        && !ends_like_sentence(&l.text)
        && l.text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Runs of three or more headline-like lines, or two after a read-more/related line.
fn headline_list_pass(lines: &mut [Line]) {
    let mut i = 0;
    while i < lines.len() {
        if !headline_like(&lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && headline_like(&lines[j]) {
            j += 1;
        }
        let after_link = i > 0 && lines[i - 1].removed == Some(RemovalReason::ReadMoreLink);
        if j - i >= 3 || (j - i >= 1 && after_link) {
            for l in &mut lines[i..j] {
                l.removed = Some(RemovalReason::RelatedHeadlines);
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_of_every_kind_becomes_one_space() {
        let line = "\u{feff} Rain\u{a0}fell\u{3000}on\u{1680}the  town\u{200b}\t\x07today. \r";
        assert_eq!(normalize_line(line), "Rain fell on the town today.");
        assert_eq!(
            normalize_line("Rain\u{3000}fell\u{1680}today."),
            "Rain fell today."
        );
    }

    fn clean_one(text: &str) -> Cleaned {
        clean_story(&[CleanInput { text, title: None }], &Copies::none(1)).remove(0)
    }

    fn reasons(c: &Cleaned) -> Vec<RemovalReason> {
        c.removed.iter().map(|r| r.reason).collect()
    }

    #[test]
    fn rules_recognise_page_furniture() {
        use RemovalReason as R;
        let cases: &[(&str, Option<R>)] = &[
            ("Advertisement", Some(R::Advertisement)),
            (
                "Story continues below advertisement",
                Some(R::Advertisement),
            ),
            ("Maxim Shemetov | Reuters", Some(R::PhotoCredit)),
            (
                "Residents gather near the bridge. /VCG Photo",
                Some(R::PhotoCredit),
            ),
            (
                "Firefighters at the scene on Tuesday. (AP Photo/Jane Roe)",
                Some(R::PhotoCredit),
            ),
            ("Adjust Comment Print", Some(R::ShareWidget)),
            ("Share on Facebook Share on Twitter", Some(R::ShareWidget)),
            ("Read more: Why the bridge failed", Some(R::ReadMoreLink)),
            ("More news: Storm closes schools", Some(R::ReadMoreLink)),
            (
                "Sign up for our morning newsletter",
                Some(R::NewsletterPrompt),
            ),
            (
                "Download the app for breaking news alerts.",
                Some(R::NewsletterPrompt),
            ),
            ("Like The Daily Ledger on Facebook", Some(R::SocialPrompt)),
            ("Follow us on Twitter @ledger", Some(R::SocialPrompt)),
            ("Powered by NewsWire Aggregator", Some(R::AggregatorFooter)),
            (
                "© 2026 The Daily Ledger. All rights reserved.",
                Some(R::Copyright),
            ),
            ("By Maria Gonzalez and Tom Reid", Some(R::Byline)),
            (
                "Updated 10:32 AM EDT, Tue March 5, 2024",
                Some(R::Timestamp),
            ),
            ("March 5, 2024 10:32 a.m. ET", Some(R::Timestamp)),
            (
                "You need the latest version of the Adobe Flash Player to view this video.",
                Some(R::MediaPrompt),
            ),
            ("* * *", Some(R::Separator)),
            ("Back on patrol :) details at 11 pic.twitter.com/0qthD — Tia Wong (@TWongTV) April 25, 2017", Some(R::SocialPrompt)),
            ("For Use By Clients of the Harbour Wire News Service", Some(R::AggregatorFooter)),
            ("XXXX END OF STORY", Some(R::Separator)),
            ("MORE", Some(R::Separator)),
            ("ATTENTION EDITORS: The following photos are part of tonight's package.", Some(R::AggregatorFooter)),
            ("(Distributed by Valley Syndicate Special Features)", Some(R::AggregatorFooter)),
            ("E-mail Tom Reid at treid(AT)courier.example .", Some(R::Byline)),
            ("More than 300 people were rescued from rooftops by nightfall.", None),
            ("Contact tracing teams were sent to the flooded district on Monday, officials said.", None),
            ("Download the City Radio app for live updates.", Some(R::NewsletterPrompt)),
            ("Download speeds fell across the valley after the storm, and the council's flood app crashed for hours.", None),
            ("Water rescuers search a street on Sunday. Piet Janssen | Valley Courier", Some(R::PhotoCredit)),
            ("Residents wait for rescue on a rooftop. Photo: Metro Online / Karin Holt", Some(R::PhotoCredit)),
            ("(Reporting by Lisa Hart; Editing by Paul Grey)", Some(R::Byline)),
            ("He said the photo: a blurred image of the dam wall taken by a drone at night, was shared widely online by residents and officials.", None),
            ("Prices rose for cars | Trucks and vans fell in the first quarter of the year, the agency said.", None),
            // Prose must survive.
            (
                "By noon, the river had risen two metres above its banks.",
                None,
            ),
            (
                "Police said 12 people were hurt when the roof collapsed.",
                None,
            ),
            (
                "Share prices fell sharply after the announcement on Monday.",
                None,
            ),
            (
                "\"Read more books,\" the minister told students at the school.",
                None,
            ),
            ("The company will print new ballots before the vote.", None),
            // What stands in place of an article, or inside a page's widgets.
            (
                "These crawls are part of a project to archive news pages as they appear, with every URL they link to.",
                Some(R::PageNotice),
            ),
            ("The WARC files of this crawl are kept private for now.", Some(R::PageNotice)),
            (
                "Crawls of supported \"Dead Link Rescue\" sites feed this collection every day.",
                Some(R::PageNotice),
            ),
            ("Rescuers entered this crawl space beneath the flooded house on Sunday.", None),
            (
                "You can add location information to your Tweets from the web or from an app.",
                Some(R::SocialPrompt),
            ),
            ("This name will appear next to all of your comments", Some(R::ShareWidget)),
            (
                "Hide Caption 3 of 12 Photos: Floods in the valley Residents wade through a flooded street on Monday.",
                Some(R::PhotoCredit),
            ),
            (
                "Photos: Floods Residents carry a sign reading \"We will rebuild our town\" on Monday. Hide Caption 1 of 12 Photos: Floods A boat on Main Street. Hide Caption 2 of 12",
                Some(R::PhotoCredit),
            ),
            ("Image caption Rescuers worked through the night", Some(R::PhotoCredit)),
            ("Enlarge this image Volunteers fill sandbags near the river", Some(R::PhotoCredit)),
            (
                "FILE - In this March 2, 2025 file photo, the dam's spillway is seen from the air.",
                Some(R::PhotoCredit),
            ),
            ("In this photo taken Sunday, residents wade through the square.", Some(R::PhotoCredit)),
            ("PHOTO GALLERY Floods across the valley", Some(R::PhotoCredit)),
            (
                "JUST WATCHED Survivors tell their story Replay More Videos ... MUST WATCH Survivors tell their story 02:10",
                Some(R::MediaPrompt),
            ),
            ("Video Loading Video Unavailable Click to play Tap to play", Some(R::MediaPrompt)),
            ("We use cookies to give you the best experience on our site.", Some(R::MediaPrompt)),
            (
                "Get morning headlines sent to your inbox + Subscribe Thank you for subscribing!",
                Some(R::NewsletterPrompt),
            ),
            (
                "Reprints: this copy is for your personal, non-commercial use only.",
                Some(R::Copyright),
            ),
            ("Investigators said the file photo was taken in 2019.", None),
            (
                "CLOSE Officials met on Thursday to discuss the dam. (July 6) AP",
                Some(R::MediaPrompt),
            ),
            ("Close to 300 people were rescued on Sunday.", None),
            ("To donate to the relief fund, click here.", Some(R::ReadMoreLink)),
            ("Update, 8:46 p.m.: Adds comment from the mayor.", Some(R::Timestamp)),
            ("Updates to the 1950 dam cost $3 million.", None),
            (
                "Want stories like these delivered straight to your phone? Download our app now!",
                Some(R::NewsletterPrompt),
            ),
        ];
        for (line, want) in cases {
            let lower = line.to_lowercase();
            let got = classify(line, &lower, line.split(' ').count());
            assert_eq!(got, *want, "{line}");
        }
    }

    #[test]
    fn captions_credited_at_their_end_are_kept_as_context_only() {
        let text = "The dam gave way on Sunday after a week of rain, officials said.\nA sign at the dam on Monday. Police say the spillway gate had cracked... (Associated Press)\nRescue teams reached the valley by noon.";
        let c = clean_one(text);
        assert!(c.removed.is_empty(), "{:?}", c.removed);
        assert_eq!(c.text, text);
        assert_eq!(c.context_only.len(), 1);
        let r = c.context_only[0];
        assert_eq!(
            &c.text[r.start..r.end],
            "A sign at the dam on Monday. Police say the spillway gate had cracked... (Associated Press)"
        );
        // An agency named inside prose is not a credit.
        let c = clean_one("The report was first published by The Associated Press (AP) on Monday.");
        assert!(c.context_only.is_empty());
    }

    #[test]
    fn datelines_are_cut_and_recorded() {
        let c = clean_one("LONDON (Reuters) - Ministers met on Monday to discuss the crisis.");
        assert_eq!(c.text, "Ministers met on Monday to discuss the crisis.");
        assert_eq!(c.removed[0].text, "LONDON (Reuters) -");
        assert_eq!(c.removed[0].reason, RemovalReason::Dateline);
        let c = clean_one("PHOENIX _ Victoria wants strangers to stop complaining.");
        assert_eq!(c.text, "Victoria wants strangers to stop complaining.");
        let c = clean_one("BEIJING, Feb. 3 (Xinhua) -- China launched a satellite on Sunday.");
        assert_eq!(c.text, "China launched a satellite on Sunday.");
        // Not a dateline: a sentence with a dash.
        let c = clean_one("The Ministry said - in a statement - that talks would resume.");
        assert!(c.removed.is_empty());
        let c = clean_one("NATO leaders met - and disagreed - over spending.");
        assert!(c.removed.is_empty());
    }

    proptest::proptest! {
        /// Cleaned text holds no white space but spaces and line breaks, so its words (and any
        /// piece's) count as `count_words` counts them.
        #[test]
        fn cleaned_text_words_count_as_count_words_does(
            raw in "([a-zA-Z.,\"’ \t\r\n\u{a0}\u{85}\u{2003}\u{2028}\u{3000}\u{200b}\u{1}]|\\PC){0,80}",
            cut in 0usize..80,
        ) {
            let c = clean_one(&raw);
            proptest::prop_assert_eq!(crate::text::count_clean_words(&c.text), crate::text::count_words(&c.text));
            let mut at = cut.min(c.text.len());
            while !c.text.is_char_boundary(at) {
                at -= 1;
            }
            let (a, b) = c.text.split_at(at);
            proptest::prop_assert_eq!(crate::text::count_clean_words(a), crate::text::count_words(a));
            proptest::prop_assert_eq!(crate::text::count_clean_words(b), crate::text::count_words(b));
        }
    }

    #[test]
    fn clean_words_are_counted_across_chunk_edges() {
        // Words that start, end and break at every offset of the eight-byte chunks.
        for text in [
            "",
            " ",
            "a",
            "abcdefgh",
            "abcdefg h",
            "abcdefgh ijklmnop",
            "       a        b",
            "one\ntwo three\n\nfour  five ’six’ “seven”",
            "\n\n\n\n\n\n\n\nx",
        ] {
            assert_eq!(
                crate::text::count_clean_words(text),
                crate::text::count_words(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn pieces_counts_as_split_does() {
        for s in [
            "",
            " ",
            "one",
            "two words",
            " lead",
            "trail ",
            "a  b",
            "é ’ 中",
        ] {
            assert_eq!(pieces(s), s.split(' ').count(), "{s:?}");
        }
    }

    #[test]
    fn quoted_speech_is_never_removed() {
        let c = clean_one("Police said the road was closed.\n\"Follow us on Twitter for updates on the closure,\" the police chief said.");
        assert!(c.removed.is_empty(), "{:?}", c.removed);
    }

    #[test]
    fn repeated_short_lines_across_unrelated_articles_are_removed() {
        let a = "Flood waters rose overnight in the valley town.\nThe Valley Courier Daily\nResidents fled to higher ground on Monday.";
        let b = "A new bridge opened downtown this week after delays.\nThe Valley Courier Daily\nThe mayor cut the ribbon at the ceremony.";
        let out = clean_story(
            &[
                CleanInput {
                    text: a,
                    title: None,
                },
                CleanInput {
                    text: b,
                    title: None,
                },
            ],
            &Copies::none(2),
        );
        for c in &out {
            assert_eq!(reasons(c), [RemovalReason::RepeatedAcrossArticles]);
            assert!(!c.text.contains("Courier"));
        }
    }

    #[test]
    fn syndicated_copies_keep_their_shared_lines() {
        let a = "Storm Hits Coast\nThe storm killed three people on Sunday.\nPower was cut to 4,000 homes.";
        let out = clean_story(
            &[
                CleanInput {
                    text: a,
                    title: None,
                },
                CleanInput {
                    text: a,
                    title: None,
                },
            ],
            &Copies::find(&[(0..10).collect(), (0..10).collect()], &[0, 1]),
        );
        for c in &out {
            assert!(c.removed.is_empty(), "{:?}", c.removed);
            assert_eq!(c.text, a);
        }
    }

    #[test]
    fn related_headline_lists_are_removed_but_the_lede_stays() {
        let text = "Rescuers Search Rubble\nRescuers searched the rubble of the school on Friday after the quake.\nThe death toll rose to 40.\nRelated\nQuake survivors describe terror\nAid groups appeal for blankets\nHow quakes are measured";
        let c = clean_one(text);
        assert!(c.text.contains("Rescuers searched the rubble"));
        assert!(!c.text.contains("Aid groups appeal"));
        assert!(reasons(&c).contains(&RemovalReason::RelatedHeadlines));
    }

    #[test]
    fn headline_repeated_from_title_is_dropped() {
        let out = clean_story(
            &[CleanInput {
                text: "Dam Breaks Upriver\nThe dam broke at dawn on Sunday, officials said.",
                title: Some("Dam breaks upriver"),
            }],
            &Copies::none(1),
        );
        assert_eq!(
            out[0].text,
            "The dam broke at dawn on Sunday, officials said."
        );
        assert_eq!(reasons(&out[0]), [RemovalReason::TitleRepeated]);
    }

    #[test]
    fn whitespace_is_normalised() {
        let c = clean_one("  Two\u{a0}spaces   here.  \n\n\n Next\tline. ");
        assert_eq!(c.text, "Two spaces here.\nNext line.");
    }
}
