//! The per-line rules: what a line is when it is page furniture rather than prose. Each family
//! of rules lives in a module of its own; [`classify`] tries them in a fixed order.

mod bylines;
mod credits;
mod footers;
mod pages;
mod prompts;
mod widgets;
mod wire;

pub(super) use bylines::dateline_len;
pub(super) use credits::is_credited_caption;

use super::has_quoted_speech;
use crate::model::RemovalReason;

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

/// One line as the rules see it: its text, lower-cased, with its end punctuation trimmed
/// (`bare`), its word count and the substring groups found in it.
#[derive(Debug, Clone, Copy)]
struct Probe<'a> {
    text: &'a str,
    lower: &'a str,
    bare: &'a str,
    words: usize,
    found: Found,
}

/// Classify one line by rules. `None` keeps it.
pub(crate) fn classify(text: &str, lower: &str, words: usize) -> Option<RemovalReason> {
    if !text.chars().any(char::is_alphanumeric) || is_markup(text) {
        return Some(RemovalReason::Separator);
    }
    let found = Found::in_line(lower);
    if let Some(reason) = pages::page_in_place_of_article(lower, words, found) {
        return Some(reason);
    }
    // Quoted speech is never removed, whatever a rule says.
    rule(text, lower, words, found).filter(|_| !has_quoted_speech(text))
}

/// A line of markup rather than text (a page read as text, a feed's escaped HTML): it opens
/// with a tag, and tags hold two thirds or more of its letters and digits.
fn is_markup(text: &str) -> bool {
    if !text.starts_with('<') {
        return false;
    }
    let (mut inside, mut in_tags, mut all) = (false, 0usize, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
        {
            inside = true;
        } else if c == '>' {
            inside = false;
        } else if c.is_alphanumeric() {
            all += 1;
            in_tags += usize::from(inside);
        }
    }
    in_tags * 3 >= all * 2
}

/// A family of rules: the reason it removes a line for, or `None`.
type Family = fn(&Probe<'_>) -> Option<RemovalReason>;

/// The families in the order they are tried: the first that recognises a line names its reason
/// (a photo credit that mentions a newsletter is a photo credit).
const FAMILIES: [Family; 13] = [
    widgets::advertisement,
    widgets::share_widget,
    credits::photo_credit,
    widgets::media_prompt,
    footers::copyright,
    prompts::subscription,
    prompts::social_prompt,
    footers::read_more_link,
    footers::aggregator_footer,
    bylines::reporting_credit,
    wire::wire_service_note,
    bylines::byline,
    bylines::timestamp,
];

/// The first family's verdict on a line that no quote protects yet; an embedded post is kept.
fn rule(text: &str, lower: &str, words: usize, found: Found) -> Option<RemovalReason> {
    let line = probe(text, lower, words, found);
    if prompts::is_embedded_post(&line) {
        return None;
    }
    FAMILIES.iter().find_map(|family| family(&line))
}

fn probe<'a>(text: &'a str, lower: &'a str, words: usize, found: Found) -> Probe<'a> {
    Probe {
        text,
        lower,
        bare: lower.trim_end_matches(['.', ':', '!']).trim(),
        words,
        found,
    }
}

/// Whether a line is an embedded social post, which no pass removes (it is quoted speech).
pub(super) fn is_embedded_post(text: &str, lower: &str, words: usize) -> bool {
    (lower.contains("pic.twitter.com") || lower.contains("(@"))
        && prompts::is_embedded_post(&probe(text, lower, words, Found::in_line(lower)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    /// One table of lines and what the rules make of them: long because it lists every family's
    /// cases, prose that must survive among them.
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
            ("<tr valign=top><td width=90><img src=\"/img/logo.gif\"></td>", Some(R::Separator)),
            ("<td align=center><a href=\"/scores/\" class=\"nav\">Scores</a></td>", Some(R::Separator)),
            ("<!-- top banner 12/01 -->", Some(R::Separator)),
            ("<p>The council met on Monday and voted to close the old bridge to trucks.</p>", None),
            ("<3 to everyone who came out to help fill sandbags on Sunday", None),
            // An embedded post is what someone said: kept like a quote.
            ("Back on patrol :) details at 11 pic.twitter.com/0qthD — Tia Wong (@TWongTV) April 25, 2017", None),
            ("Roads are closed north of the dam, stay home tonight (@ValleyPolice) January 3, 2027", None),
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
}
