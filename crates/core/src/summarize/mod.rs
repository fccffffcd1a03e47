//! Summarizers: choose sentences of a [`Story`] under a word budget.
//!
//! Every method implements [`Summarizer`] and is listed in [`registry`], so the CLI, the
//! evaluator and (later) the server share one list; [`by_name`] looks one up. A method returns
//! [`Selection`]s in the order it chose them, with its score: scores travel to the output. Ordering
//! for reading and citations are done afterwards by [`crate::brief`], the same for every method.
//!
//! Budget rule, shared by all methods ([`Budget`]): whole sentences only, the total never above the
//! budget, except that a single first sentence longer than the budget is allowed alone.

mod coverage;
mod lead;
mod submodular;

pub use coverage::Coverage;
pub use lead::Lead;
pub use submodular::Submodular;

pub use crate::extract::{
    can_extract, connective_len, extract, is_extractable, leans_on_context, unknown_definite,
};
use crate::model::SentenceRef;
use crate::params::ParamError;
use crate::story::Story;

/// A chosen sentence and the method's score for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Selection {
    pub at: SentenceRef,
    pub score: f64,
}

/// A multi-document extractive summarizer.
pub trait Summarizer: Send + Sync + std::fmt::Debug {
    /// The name used on the command line (`--method`).
    fn name(&self) -> &'static str;
    /// One line for `--help` and README.
    fn describe(&self) -> &'static str;
    /// Choose sentences within `budget` words. Must be deterministic.
    fn select(&self, story: &Story, budget: usize) -> Vec<Selection>;
    /// Why the method cannot summarize `story` (too big for it), for front ends to show
    /// instead of a brief; `select` then chooses nothing. Most methods take any story.
    fn refuses(&self, _story: &Story) -> Option<String> {
        None
    }
    /// A copy with parameters set by name (`--param name=value`); front ends call it only when
    /// parameters were given. Methods without parameters refuse.
    fn with_params(&self, params: &[(String, f64)]) -> Result<Box<dyn Summarizer>, ParamError> {
        let name = params.first().map_or("", |(name, _)| name.as_str());
        Err(ParamError::unknown(self.name(), name, &[]))
    }
}

/// The default method.
pub const DEFAULT_METHOD: &str = "coverage";

static COVERAGE: Coverage = Coverage::DEFAULT;
static LEAD: Lead = Lead;
static SUBMODULAR: Submodular = Submodular::DEFAULT;

/// Every available summarizer, default first.
pub fn registry() -> [&'static dyn Summarizer; 3] {
    [&COVERAGE, &SUBMODULAR, &LEAD]
}

/// Look a summarizer up by name.
pub fn by_name(name: &str) -> Option<&'static dyn Summarizer> {
    registry().into_iter().find(|s| s.name() == name)
}

/// Tracks the words used against a budget.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub limit: usize,
    pub used: usize,
    pub count: usize,
}

impl Budget {
    pub fn new(limit: usize) -> Self {
        Budget {
            limit,
            used: 0,
            count: 0,
        }
    }
    /// Would a sentence of `words` words fit?
    pub fn fits(&self, words: usize) -> bool {
        self.used + words <= self.limit || (self.count == 0 && self.limit > 0 && words > self.limit)
    }
    pub fn take(&mut self, words: usize) {
        self.used += words;
        self.count += 1;
    }
    /// No further sentence can be added (the budget is spent, or an over-long first sentence was
    /// taken alone).
    pub fn is_full(&self) -> bool {
        self.used >= self.limit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budget_allows_a_long_first_sentence_alone() {
        let mut b = Budget::new(10);
        assert!(b.fits(25));
        b.take(25);
        assert!(b.is_full());
        assert!(!b.fits(1));
        let mut b = Budget::new(10);
        b.take(6);
        assert!(b.fits(4));
        assert!(!b.fits(5));
    }

    #[test]
    fn registry_names_are_unique_and_found() {
        let names: Vec<&str> = registry().iter().map(|s| s.name()).collect();
        assert_eq!(names[0], DEFAULT_METHOD);
        for n in &names {
            assert_eq!(by_name(n).map(|s| s.name()), Some(*n));
        }
        assert!(by_name("nope").is_none());
    }

    #[test]
    fn dangling_connectives_are_cut() {
        let t = "But the dam held for another three hours.";
        assert_eq!(
            &t[connective_len(t)..],
            "the dam held for another three hours."
        );
        let t = "However, officials said no one was hurt.";
        assert_eq!(&t[connective_len(t)..], "officials said no one was hurt.");
        let t = "Thus, it held for four more hours.";
        assert_eq!(&t[connective_len(t)..], "it held for four more hours.");
        // Too little left, or not a connective: keep the sentence whole.
        assert_eq!(connective_len("But it held."), 0);
        assert_eq!(connective_len("Butter prices rose again this week."), 0);
        assert_eq!(
            connective_len("Andrew Hale, the mayor, resigned on Monday."),
            0
        );
    }

    #[test]
    fn context_leaning_sentences() {
        // (sentence, leans on context it will not have in a summary)
        let cases = [
            ("She said the water rose fast.", true),
            ("\"We heard thunder,\" said Ana Ruiz, a farmer.", false),
            ("\"We heard thunder,\" she said.", true),
            ("Heavy rain fell for a week.", false),
            ("It rained for a week before the dam broke.", false),
            ("It is likely that the dam will be rebuilt.", false),
            ("It is the oldest dam in the valley.", true),
            ("Their homes were flooded by noon on Sunday.", true),
            ("They're asking people to give blood.", true),
            ("\"We are ready,\" said the mayor of Vell on Monday.", false),
            ("This means that the valley has no power.", true),
            ("This year the river rose higher than ever.", false),
            ("There were 40 people in the shelter.", false),
            ("Such status would let the town borrow money.", true),
            ("Officials closed roads such as the coast highway.", false),
            ("These pumps were built in 1950.", true),
            (
                "The levee held, and those living nearby were spared.",
                false,
            ),
            ("Both towns lost power overnight.", true),
            ("The two were arrested on Friday.", true),
            ("The 1997 flood was worse, records show.", false),
            ("Nor did the report say who was to blame.", true),
            ("Now, Garcia said, they want a career.", true),
            ("Officials said they would reopen the bridge.", false),
            ("In his first year as mayor, Lund built two dams.", false),
            ("Lund said he would resign.", false),
            ("The bridge will reopen in May, he added.", true),
            ("I have asked the army for help.", true),
            ("A search of the 51-year-old's home found nothing.", true),
            ("\"The water is still rising.\"", true),
            ("Episode I opened in May to long lines.", false),
        ];
        for (text, leans) in cases {
            assert_eq!(leans_on_context(text), leans, "{text}");
        }
    }

    #[test]
    fn an_unknown_definite_subject_points_back() {
        let story = crate::story::analyze(
            [
                "The storm flooded the valley. The storm killed two people. The analysis was funded by the county.",
                "The storm cut power to the valley on Sunday.",
                "A storm hit the valley town on Sunday.",
            ]
            .iter()
            .enumerate()
            .map(|(i, t)| crate::model::Article {
                id: i.to_string(),
                text: t.to_string(),
                ..Default::default()
            })
            .collect(),
        );
        // Every article speaks of the storm; only one of an analysis.
        assert!(!unknown_definite(&story, "The storm killed two people."));
        assert!(unknown_definite(
            &story,
            "The analysis was funded by the county."
        ));
        // Not a bare subject and its verb.
        assert!(!unknown_definite(
            &story,
            "The analysis of the county's budget was late."
        ));
    }

    #[test]
    fn extractable_filter() {
        assert!(is_extractable("The dam broke on Sunday morning.", 6));
        assert!(!is_extractable("Why did the dam break so early?", 7));
        assert!(!is_extractable("and then the water came in.", 6));
        assert!(!is_extractable("Too short.", 2));
        // A headline, a fragment cut short and a label are not statements; a closing quote or
        // bracket after the stop, an exclamation and an ellipsis still end one.
        assert!(!is_extractable(
            "Mayor to give speech on flood response Thursday",
            8
        ));
        assert!(!is_extractable("Rescuers reached the village and", 5));
        assert!(!is_extractable("The mayor said the following:", 5));
        assert!(is_extractable("The mayor said, \"We will rebuild.\"", 6));
        assert!(is_extractable("The water rose two metres (a record.)", 7));
        assert!(is_extractable("The whole town came out to help!", 7));
        assert!(is_extractable(
            "The water kept rising through the night…",
            7
        ));
        assert!(!is_extractable("\"We are not against machines at all.", 6));
        assert!(!is_extractable("“We are not against machines at all.", 6));
        assert!(is_extractable("“We are not against machines,” he said.", 7));
        assert!(is_extractable(
            "``We are not against machines,'' he said.",
            7
        ));
        assert!(!is_extractable("``We are not against machines at all.", 7));
        assert!(!is_extractable(
            "Read the full report at https://example.org/report now.",
            7
        ));
        assert!(!is_extractable(
            "Read the full report at www.example.org today, they said.",
            9
        ));
        assert!(!is_extractable(
            "Follow the reporter on Twitter at @someone for updates.",
            8
        ));
        assert!(is_extractable(
            "Write to the desk at desk@example.org for the full text.",
            10
        ));
    }
}
