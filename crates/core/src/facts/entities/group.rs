//! Grouping names into entities: aliases (a surname or "Mr X" for the full name, spelling
//! variants of one person) and each entity's kind from the evidence of its mentions.

use super::scan::Raw;
use super::{Entities, Entity, Kind, Mention};
use crate::sets::Rows;

/// `name` with its apostrophes written the other way (straight ' and typographic ’), when it
/// has any.
fn other_apostrophe(name: &str) -> Option<String> {
    if !name.contains(['\'', '’']) {
        return None;
    }
    let swap = |c: char| match c {
        '\'' => '’',
        '’' => '\'',
        c => c,
    };
    Some(name.chars().map(swap).collect())
}

/// The distinct names of the raw runs, numbered in order of first use.
struct Names<'a> {
    ids: rustc_hash::FxHashMap<&'a str, u32>,
    names: Vec<&'a str>,
    /// The id of each raw run's name.
    raw_name: Vec<u32>,
    /// Full forms: the ids of multi-word names, ascending.
    multi: Vec<u32>,
    /// How often each name is used.
    uses: Vec<u32>,
    /// The documents of each full form, ascending (only full forms are ever looked up).
    docs: Rows,
}

impl<'a> Names<'a> {
    fn new(raws: &[Raw<'a>]) -> Self {
        let mut ids: rustc_hash::FxHashMap<&str, u32> = Default::default();
        let mut names: Vec<&str> = Vec::with_capacity(raws.len());
        let raw_name: Vec<u32> = raws
            .iter()
            .map(|r| {
                *ids.entry(r.name).or_insert_with(|| {
                    names.push(r.name);
                    names.len() as u32 - 1
                })
            })
            .collect();
        let is_multi: Vec<bool> = names.iter().map(|n| n.contains([' ', '-'])).collect();
        let multi: Vec<u32> = (0..names.len() as u32)
            .filter(|&id| is_multi[id as usize])
            .collect();
        let mut uses = vec![0u32; names.len()];
        // (name, document) once per full form and document (raws come by document), in
        // compressed rows: one allocation where a list per name would take one each.
        let mut last_doc = vec![u32::MAX; names.len()];
        let mut name_docs: Vec<(u32, u32)> = Vec::new();
        for (r, &id) in raws.iter().zip(&raw_name) {
            uses[id as usize] += 1;
            if is_multi[id as usize] && last_doc[id as usize] != r.doc as u32 {
                last_doc[id as usize] = r.doc as u32;
                name_docs.push((id, r.doc as u32));
            }
        }
        let docs = Rows::new(names.len(), name_docs.iter().copied());
        Names {
            ids,
            names,
            raw_name,
            multi,
            uses,
            docs,
        }
    }

    fn in_doc(&self, id: u32, doc: usize) -> bool {
        self.docs.row(id).binary_search(&(doc as u32)).is_ok()
    }

    /// Spelling variants: same surname, first names one or two edits apart, never in one
    /// article together; the more used form wins (ties: the smaller in byte order). Per name,
    /// the form it gives way to. Only two-word names with the same surname can be variants:
    /// they are compared within those groups, each in byte order of the names.
    fn variants(&self) -> Vec<Option<u32>> {
        let names = &self.names;
        let mut by_surname: Vec<(&str, u32, &str)> = self
            .multi
            .iter()
            .filter_map(|&m| {
                let (first, last) = names[m as usize].split_once(' ')?;
                (!last.contains(' ')).then_some((last, m, first))
            })
            .collect();
        by_surname.sort_unstable_by_key(|&(last, m, _)| (last, names[m as usize]));
        let mut variant_of: Vec<Option<u32>> = vec![None; names.len()];
        for group in by_surname.chunk_by(|x, y| x.0 == y.0) {
            for (a_i, &(_, a, fa)) in group.iter().enumerate() {
                for &(_, b, fb) in &group[a_i + 1..] {
                    if fa == fb {
                        continue;
                    }
                    let close = fa.chars().next() == fb.chars().next()
                        && fa.chars().count() >= 4
                        && edit_distance(fa, fb) <= 2;
                    if close && crate::sets::disjoint(self.docs.row(a), self.docs.row(b)) {
                        let (keep, drop) = if self.uses[a as usize] >= self.uses[b as usize] {
                            (a, b)
                        } else {
                            (b, a)
                        };
                        variant_of[drop as usize].get_or_insert(keep);
                    }
                }
            }
        }
        variant_of
    }

    /// Full names by each of their proper word suffixes that is a name too ("Lavrov", "De
    /// Angelis"; "Lee Kuan" is not one: only suffixes that end the name). A suffix with an
    /// apostrophe is found written with the other one too ("O'Neill" for "James O’Neill").
    /// What follows "of" is a complement, no surname ("China" is not "Xi Jinping of China").
    fn longer(&self) -> Vec<Vec<u32>> {
        let mut longer: Vec<Vec<u32>> = vec![Vec::new(); self.names.len()];
        for &m in &self.multi {
            let full = self.names[m as usize];
            let name = full.split(" of ").next().unwrap_or(full);
            for (i, c) in name.char_indices() {
                if c == ' ' || c == '-' {
                    let suffix = &name[i + 1..];
                    if let Some(&s) = self.ids.get(suffix) {
                        longer[s as usize].push(m);
                    }
                    if let Some(&s) = other_apostrophe(suffix).and_then(|o| self.ids.get(&*o)) {
                        longer[s as usize].push(m);
                    }
                }
            }
        }
        longer
    }

    /// The canonical name of each raw run: its name's spelling variant it gives way to, or for
    /// a single word (or "Mr X") that is the last word of a full name, the full name in the
    /// same article, else the only full name with that surname in the story.
    fn canonical(&self, raws: &[Raw<'_>]) -> Vec<u32> {
        let variant_of = self.variants();
        let canon = |id: u32| variant_of[id as usize].unwrap_or(id);
        let longer = self.longer();
        // The same (article, name) resolves the same way: resolve it once per article (raws
        // come by document).
        let mut memo: Vec<(usize, u32)> = vec![(usize::MAX, 0); self.names.len()];
        raws.iter()
            .zip(&self.raw_name)
            .map(|(r, &id)| {
                let (doc, c) = memo[id as usize];
                if doc == r.doc {
                    return c;
                }
                let mut c = canon(id);
                if r.name.split(' ').count() <= 2 {
                    let longer = &longer[id as usize];
                    let mut here = longer.iter().filter(|&&m| self.in_doc(m, r.doc));
                    let pick = match (here.next(), here.next()) {
                        (Some(&only), None) => Some(only),
                        (None, _) => {
                            // The canonical forms of all of them, if they are one.
                            let first = longer.first().map(|&m| canon(m));
                            first.filter(|&f| longer.iter().all(|&m| canon(m) == f))
                        }
                        _ => None,
                    };
                    if let Some(p) = pick {
                        c = canon(p);
                    }
                }
                memo[id as usize] = (r.doc, c);
                c
            })
            .collect()
    }
}

/// Group the raw runs of a story (by document) into entities, by canonical name in order of
/// first mention.
pub(super) fn group(raws: Vec<Raw<'_>>) -> Entities {
    let names = Names::new(&raws);
    let raw_canon = names.canonical(&raws);
    // At most one entity per name.
    let n = names.names.len();
    let mut entity_of: Vec<Option<usize>> = vec![None; n];
    let mut list: Vec<Entity> = Vec::with_capacity(n);
    let mut alias_ids: Vec<Vec<u32>> = Vec::with_capacity(n);
    let mut evidence: Vec<[u32; 3]> = Vec::with_capacity(n); // person, org, place votes
    let mut mentions = Vec::with_capacity(raws.len());
    for ((r, &id), &c) in raws.into_iter().zip(&names.raw_name).zip(&raw_canon) {
        let e_id = *entity_of[c as usize].get_or_insert_with(|| {
            list.push(Entity {
                name: names.names[c as usize].to_string(),
                kind: Kind::Other,
                aliases: Vec::new(),
                roles: Vec::new(),
                sources: Vec::new(),
                mentions: 0,
            });
            alias_ids.push(Vec::new());
            evidence.push([0; 3]);
            list.len() - 1
        });
        let e = &mut list[e_id];
        e.mentions += 1;
        // Raws come by document: sources stay ascending.
        if e.sources.last() != Some(&r.doc) {
            e.sources.push(r.doc);
        }
        let aliases = &mut alias_ids[e_id];
        if id != c && !aliases.contains(&id) {
            aliases.push(id);
        }
        if let Some(role) = &r.role {
            if !e.roles.contains(role) {
                e.roles.push(role.clone());
            }
        }
        add_evidence(&mut evidence[e_id], &r, id != c);
        mentions.push(Mention {
            doc: r.doc,
            start: r.start,
            end: r.end,
            role: r.role,
            entity: e_id,
        });
    }
    for ((e, ev), aliases) in list.iter_mut().zip(&evidence).zip(alias_ids) {
        e.aliases = aliases
            .iter()
            .map(|&a| names.names[a as usize].to_string())
            .collect();
        e.aliases.sort_unstable();
        e.roles.sort();
        e.kind = kind_of(ev);
    }
    mentions.sort_by_key(|m| (m.doc, m.start));
    Entities { list, mentions }
}

/// Add the evidence of one mention to its entity's votes (person, organization, place).
/// `alias`: the mention is a surname standing for a full name, which is a person's.
fn add_evidence(ev: &mut [u32; 3], r: &Raw<'_>, alias: bool) {
    if r.titled || r.role.is_some() || r.person_hint {
        ev[0] += 2;
    }
    if r.org_word {
        ev[1] += 3;
    }
    if r.place_word {
        ev[2] += 3;
    } else if r.place_prep {
        ev[2] += 1;
    }
    if alias {
        ev[0] += 1;
    }
}

/// The kind with the most votes (person, organization, place): organization on ties, then
/// person; other without any.
fn kind_of(ev: &[u32; 3]) -> Kind {
    let best = ev.iter().copied().max().unwrap_or(0);
    if best == 0 {
        Kind::Other
    } else if ev[1] == best {
        Kind::Organization
    } else if ev[0] == best {
        Kind::Person
    } else {
        Kind::Place
    }
}

/// The Levenshtein distance between `a` and `b`, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}
