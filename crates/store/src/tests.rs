use super::*;
use newsbrief_core::stream::features;

const DAM: &[&str] = &[
    "The Vell dam collapsed on Sunday, flooding the valley town. Engineers at the Vell reservoir had warned of cracks in the spillway for months before the collapse.",
    "Flood waters from the collapsed Vell dam covered the valley on Sunday. Residents said engineers had warned about the spillway cracks for months.",
    "Rescue teams searched the flooded valley below the Vell dam on Monday as the reservoir kept draining through the broken spillway.",
];
const PORT: &[&str] = &[
    "Dockworkers at the port of Saltmere walked off the job at midnight, demanding higher pay and limits on automation at the container terminals.",
    "The Saltmere port strike entered its second day as dockworkers picketed the container terminals over pay and automation.",
];

fn article(id: &str, text: &str, day: i64) -> NewArticle {
    NewArticle {
        id: id.into(),
        url: Some(format!("https://www.example-{id}.com/news/{id}")),
        title: None,
        source: None,
        published: None,
        authors: Vec::new(),
        language: None,
        text: text.into(),
        day,
        undated: false,
        features: features(None, text),
    }
}

fn stream() -> Vec<NewArticle> {
    vec![
        article("d0", DAM[0], 100),
        article("p0", PORT[0], 100),
        article("d1", DAM[1], 101),
        article("p1", PORT[1], 102),
        article("d2", DAM[2], 102),
        // A syndicated copy of d0, with a credit line added.
        article("d0-copy", &format!("{} (Wire)", DAM[0].repeat(2)), 103),
        article("d0-long", &DAM[0].repeat(2), 103),
    ]
}

fn stories_of(added: &[Added]) -> Vec<u32> {
    added
        .iter()
        .map(|a| match a {
            Added::Stored { story, .. } => *story,
            Added::Duplicate { .. } => 0,
        })
        .collect()
}

#[test]
fn articles_are_stored_in_stories_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    let added = ingest.add_batch(&stream()).unwrap();
    ingest.finish().unwrap();
    assert_eq!(stories_of(&added), vec![1, 2, 1, 2, 1, 1, 1]);
    assert!(matches!(
        added[0],
        Added::Stored {
            new_story: true,
            ..
        }
    ));
    assert!(matches!(
        added[2],
        Added::Stored {
            new_story: false,
            ..
        }
    ));

    let store = Store::open(&db).unwrap();
    assert_eq!(store.counts().unwrap(), (7, 2));
    let list = store.stories(None).unwrap();
    // The most recent story first.
    assert_eq!(list.iter().map(|s| s.id).collect::<Vec<_>>(), vec![1, 2]);
    let dam = &list[0];
    assert_eq!(dam.articles, 5);
    assert_eq!((dam.first_day, dam.last_day), (Some(100), Some(103)));
    assert!(dam.headline.starts_with("The Vell dam collapsed on Sunday"));
    assert_eq!(
        dam.sources.len(),
        5,
        "one host per article: {:?}",
        dam.sources
    );
    assert!(dam.sources.contains(&"example-d0.com".to_string()));
    assert_eq!(store.stories(Some(103)).unwrap().len(), 1);
    let members = store.members(2).unwrap();
    assert_eq!(
        members.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        vec!["p0", "p1"]
    );
}

#[test]
fn the_same_article_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()).unwrap();
    ingest.finish().unwrap();

    let mut ingest = Ingest::open(&db, None).unwrap();
    // Same id; same url under another id; same text (spaced differently) under another id and
    // url; and an id already stored with other text.
    let mut same_url = article("other-id", PORT[1], 104);
    same_url.url = Some("https://www.example-p1.com/news/p1".into());
    let mut same_text = article("third-id", &DAM[2].replace(' ', "  "), 104);
    same_text.url = None;
    let batch = vec![
        article("d0", DAM[0], 100),
        same_url,
        same_text,
        article("p0", "Something else entirely.", 105),
    ];
    let added = ingest.add_batch(&batch).unwrap();
    ingest.finish().unwrap();
    let by: Vec<(&str, &str, bool)> = added
        .iter()
        .map(|a| match a {
            Added::Duplicate { of, by, differs } => (of.as_str(), *by, *differs),
            Added::Stored { .. } => ("stored", "", false),
        })
        .collect();
    assert_eq!(
        by,
        vec![
            ("d0", "id", false),
            ("p1", "url", false),
            ("d2", "text", false),
            ("p0", "id", true)
        ]
    );
    assert_eq!(Store::open(&db).unwrap().counts().unwrap(), (7, 2));
}

#[test]
fn ingest_in_parts_gives_the_stories_of_one_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.db");
    let mut ingest = Ingest::open(&whole, None).unwrap();
    ingest.add_batch(&stream()).unwrap();
    ingest.finish().unwrap();
    let expected = Store::open(&whole).unwrap().assignments().unwrap();
    for cut in 1..stream().len() {
        for checkpoint in [false, true] {
            let db = dir.path().join(format!("part-{cut}-{checkpoint}.db"));
            let mut ingest = Ingest::open(&db, None).unwrap();
            ingest.add_batch(&stream()[..cut]).unwrap();
            if checkpoint {
                ingest.finish().unwrap();
            } else {
                // As if killed after the batch committed: no checkpoint written.
                drop(ingest);
            }
            let mut ingest = Ingest::open(&db, None).unwrap();
            // The whole stream again: the first part is recognised as already there.
            ingest.add_batch(&stream()).unwrap();
            ingest.finish().unwrap();
            let got = Store::open(&db).unwrap().assignments().unwrap();
            assert_eq!(got, expected, "cut {cut}, checkpoint {checkpoint}");
        }
    }
    let copies: Vec<_> = expected.iter().filter(|a| a.2.is_some()).collect();
    // Both longer versions of d0 are near-copies of it (the same shingles, repeated).
    assert_eq!(
        copies,
        vec![
            &("d0-copy".to_string(), 1, Some("d0".to_string())),
            &("d0-long".to_string(), 1, Some("d0".to_string()))
        ]
    );
}

#[test]
fn a_foreign_or_damaged_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "these are my notes, not a database\n".repeat(200)).unwrap();
    let before = std::fs::read(&text).unwrap();
    for e in [
        Ingest::open(&text, None).map(|_| ()).unwrap_err(),
        Store::open(&text).map(|_| ()).unwrap_err(),
    ] {
        assert!(matches!(e, StoreError::Foreign { .. }), "{e}");
        assert!(e.to_string().contains("notes.db"), "{e}");
    }
    assert_eq!(std::fs::read(&text).unwrap(), before);

    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    let e = Ingest::open(&other, None).unwrap_err();
    assert!(matches!(e, StoreError::Foreign { .. }), "{e}");

    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()[..3]).unwrap();
    drop(ingest);
    // Damage one article's features: resuming notices.
    Connection::open(&db)
        .unwrap()
        .execute("UPDATE articles SET features = x'0100' WHERE seq = 1", [])
        .unwrap();
    let e = Ingest::open(&db, None).unwrap_err();
    assert!(matches!(e, StoreError::Corrupt { .. }), "{e}");
    assert!(Store::open(&db).is_ok(), "reading stories still works");

    let e = Store::open(&dir.path().join("absent.db")).unwrap_err();
    assert!(matches!(e, StoreError::Missing { .. }), "{e}");
    assert!(!dir.path().join("absent.db").exists());
}

/// The bytes of a file and which of its `-wal`, `-shm`, `-journal` files exist.
fn snapshot(path: &Path) -> (Vec<u8>, Vec<bool>) {
    let side = ["-wal", "-shm", "-journal"].map(|s| {
        let mut p = path.as_os_str().to_os_string();
        p.push(s);
        std::path::PathBuf::from(p).exists()
    });
    (std::fs::read(path).unwrap(), side.to_vec())
}

#[test]
fn files_that_are_not_stores_are_never_modified_by_any_open() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let text = dir.path().join("text.db");
    std::fs::write(&text, "a shopping list: eggs, flour\n").unwrap();
    let rollback = dir.path().join("rollback.db");
    Connection::open(&rollback)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    // Another application's database in WAL mode, even with a table called `meta`.
    let wal = dir.path().join("wal.db");
    let c = Connection::open(&wal).unwrap();
    c.pragma_update(None, "journal_mode", "WAL").unwrap();
    c.execute_batch("CREATE TABLE meta(key, value); INSERT INTO meta VALUES ('a', 'b');")
        .unwrap();
    drop(c);
    for (path, why) in [
        (&empty, "an empty file"),
        (&text, "not an SQLite database"),
        (&rollback, "without newsbrief's tables"),
        (&wal, "is not newsbrief's"),
    ] {
        let before = snapshot(path);
        for e in [
            Ingest::open(path, None).map(|_| ()).unwrap_err(),
            Store::open(path).map(|_| ()).unwrap_err(),
            Store::open_read_only(path).map(|_| ()).unwrap_err(),
        ] {
            assert!(matches!(e, StoreError::Foreign { .. }), "{e}");
            assert!(e.to_string().contains(why), "{e}");
        }
        assert_eq!(snapshot(path), before, "{}", path.display());
    }
    assert_eq!(snapshot(&wal).1, [false, false, false]);
}

#[test]
fn a_locked_store_is_an_error_not_a_wait_forever() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    Ingest::open(&db, None).unwrap().finish().unwrap();
    let other = Connection::open(&db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    // The ingest (dropped at the end of its arm) holds the ingest lock.
    let e = match Ingest::open(&db, None) {
        Ok(mut i) => i.add_batch(&stream()).unwrap_err(),
        Err(e) => e,
    };
    assert!(matches!(e, StoreError::Locked { .. }), "{e}");
    other.execute_batch("ROLLBACK").unwrap();
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()).unwrap();
}

#[test]
fn a_second_ingest_is_refused_at_once_even_while_the_store_is_created() {
    use std::sync::{Arc, Barrier};
    use std::time::Instant;
    for round in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let db = Arc::new(dir.path().join(format!("new-{round}.db")));
        let (start, end) = (Arc::new(Barrier::new(6)), Arc::new(Barrier::new(6)));
        let racers: Vec<_> = (0..6)
            .map(|_| {
                let (db, start, end) = (db.clone(), start.clone(), end.clone());
                std::thread::spawn(move || {
                    start.wait();
                    let t = Instant::now();
                    let opened = Ingest::open(&db, None);
                    let took = t.elapsed();
                    end.wait(); // whoever opened it holds it until every racer tried
                    (opened.map(|_| ()), took)
                })
            })
            .collect();
        let results: Vec<_> = racers.into_iter().map(|r| r.join().unwrap()).collect();
        let opened = results.iter().filter(|(r, _)| r.is_ok()).count();
        assert_eq!(opened, 1, "round {round}");
        for (r, took) in &results {
            if let Err(e) = r {
                assert!(matches!(e, StoreError::Locked { .. }), "{e}");
                assert!(e.to_string().contains("locked by another process"), "{e}");
                assert!(
                    took.as_millis() < 1000,
                    "refused at once, not after {took:?}"
                );
            }
        }
        let mut ingest = Ingest::open(&db, None).unwrap();
        assert_eq!(ingest.add_batch(&stream()).unwrap().len(), 7);
    }
}

#[test]
fn an_ingest_holds_its_lock_until_dropped_and_reloads_keeping_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut first = Ingest::open(&db, None).unwrap();
    first.add_batch(&stream()[..3]).unwrap();
    let e = Ingest::open(&db, None).map(|_| ()).unwrap_err();
    assert!(matches!(e, StoreError::Locked { .. }), "{e}");
    assert!(Store::open(&db).is_ok(), "readers are not locked out");
    first.reload().unwrap();
    first.add_batch(&stream()[3..]).unwrap();
    assert!(Ingest::open(&db, None).is_err());
    drop(first);
    assert_eq!(
        Ingest::open(&db, None).unwrap().store().counts().unwrap(),
        (7, 2)
    );
}

#[test]
fn a_writer_between_batches_lets_another_ingest_run_and_is_refused_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut server = Ingest::open_between_batches(&db, None).unwrap();
    server.add_batch(&stream()[..2]).unwrap();
    let mut other = Ingest::open(&db, None).unwrap();
    let e = server.add_batch(&stream()[2..4]).unwrap_err();
    assert!(matches!(e, StoreError::Locked { .. }), "{e}");
    other.add_batch(&stream()[2..4]).unwrap();
    drop(other);
    let e = server.add_batch(&stream()[4..]).unwrap_err();
    assert!(
        matches!(e, StoreError::Refused { .. }),
        "changed under it: {e}"
    );
    server.reload().unwrap();
    server.add_batch(&stream()[4..]).unwrap();
    assert_eq!(server.store().counts().unwrap(), (7, 2));
}

#[test]
fn parameters_are_fixed_per_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let p = Params {
        threshold: 0.3,
        ..Params::default()
    };
    Ingest::open(&db, Some(&p)).unwrap().finish().unwrap();
    assert_eq!(Store::open(&db).unwrap().params().unwrap(), p);
    assert!(Ingest::open(&db, Some(&p)).is_ok());
    assert!(
        Ingest::open(&db, None).is_ok(),
        "no params: the stored ones"
    );
    let e = Ingest::open(&db, Some(&Params::default())).unwrap_err();
    assert!(e.to_string().contains("threshold=0.3"), "{e}");
}

#[test]
fn briefs_are_cached_until_the_story_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()[..2]).unwrap();
    ingest.finish().unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.cached_brief(1, "md", 1).unwrap(), None);
    store.save_brief(1, "md", 1, "brief of one").unwrap();
    assert_eq!(
        store.cached_brief(1, "md", 1).unwrap().as_deref(),
        Some("brief of one")
    );
    assert_eq!(store.cached_brief(1, "json", 1).unwrap(), None);
    assert_eq!(store.cached_brief(1, "md", 2).unwrap(), None, "stale");
}

#[test]
fn hosts_and_headlines() {
    assert_eq!(
        host("https://www.Example.com:8080/a?b").as_deref(),
        Some("example.com")
    );
    assert_eq!(
        host("news.example.org/x").as_deref(),
        Some("news.example.org")
    );
    assert_eq!(host("https://"), None);
    let mut a = article("x", &format!("{} More text.", "word ".repeat(60)), 1);
    let h = headline(&a);
    assert!(h.ends_with('…') && h.chars().count() <= 121, "{h}");
    a.title = Some("  A   title \n".into());
    assert_eq!(headline(&a), "A title");
}

/// A dam story, a lone inspection report (with a copy) that matches no story when it comes,
/// a port story, and a dam article that mentions the report: the dam story absorbs it.
fn absorbing_stream() -> Vec<NewArticle> {
    let report = "Inspectors filed a report in March that found corroded gates on the spillway and urged urgent repair of the gates.".repeat(3);
    vec![
        article("d0", DAM[0], 100),
        article("d1", DAM[1], 101),
        article("r", &report, 102),
        article("r-copy", &format!("{report} (Wire)"), 103),
        article("p0", PORT[0], 103),
        article(
            "bridge",
            "Flood waters from the collapsed Vell dam covered the valley town on Monday as engineers at the Vell reservoir searched for cracks. A report filed in March had found corroded gates on the spillway and urged repair.",
            104,
        ),
    ]
}

#[test]
fn an_absorbed_story_moves_its_articles_and_goes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    let stream = absorbing_stream();
    let first = ingest.add_batch(&stream[..5]).unwrap();
    assert_eq!(stories_of(&first), vec![1, 1, 2, 2, 3]);
    ingest.finish().unwrap();
    let store = Store::open(&db).unwrap();
    store.save_brief(1, "md", 2, "dam brief").unwrap();
    store.save_brief(2, "md", 2, "report brief").unwrap();
    drop(store);

    let mut ingest = Ingest::open(&db, None).unwrap();
    let last = ingest.add_batch(&stream[5..]).unwrap();
    ingest.finish().unwrap();
    assert!(matches!(
        &last[0],
        Added::Stored { story: 1, new_story: false, absorbed, .. } if absorbed == &vec![2]
    ));
    let store = Store::open(&db).unwrap();
    let rows = store.stories(None).unwrap();
    let ids: Vec<(u32, usize)> = rows.iter().map(|s| (s.id, s.articles)).collect();
    assert_eq!(
        ids,
        vec![(1, 5), (3, 1)],
        "story 2 is gone, its articles in story 1"
    );
    let dam = store.story(1).unwrap().unwrap();
    assert_eq!((dam.first_day, dam.last_day), (Some(100), Some(104)));
    let members: Vec<String> = store
        .members(1)
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(members, vec!["d0", "d1", "r", "r-copy", "bridge"]);
    assert_eq!(
        store.cached_brief(2, "md", 2).unwrap(),
        None,
        "its briefs go too"
    );
    assert_eq!(
        store.cached_brief(1, "md", dam.articles).unwrap(),
        None,
        "the absorber's is stale"
    );
    assert_eq!(store.counts().unwrap(), (6, 2));
    drop(store);

    // Reopened (replaying the articles after the checkpoint), and ingested in parts with or
    // without checkpoints, the store holds the stories of one ingest.
    let whole = dir.path().join("whole.db");
    let mut ingest = Ingest::open(&whole, None).unwrap();
    ingest.add_batch(&stream).unwrap();
    ingest.finish().unwrap();
    let expected = Store::open(&whole).unwrap().assignments().unwrap();
    assert_eq!(Store::open(&db).unwrap().assignments().unwrap(), expected);
    for cut in 1..stream.len() {
        for checkpoint in [false, true] {
            let part = dir.path().join(format!("part-{cut}-{checkpoint}.db"));
            let mut ingest = Ingest::open(&part, None).unwrap();
            ingest.add_batch(&stream[..cut]).unwrap();
            if checkpoint {
                ingest.finish().unwrap();
            } else {
                drop(ingest);
            }
            let mut ingest = Ingest::open(&part, None).unwrap();
            ingest.add_batch(&stream).unwrap();
            ingest.finish().unwrap();
            let got = Store::open(&part).unwrap().assignments().unwrap();
            assert_eq!(got, expected, "cut {cut}, checkpoint {checkpoint}");
        }
    }
}

#[test]
fn a_read_only_store_reads_while_a_writer_commits_and_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let e = Store::open_read_only(&db).unwrap_err();
    assert!(matches!(e, StoreError::Missing { .. }), "{e}");
    assert!(!db.exists(), "a read-only open creates nothing");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()[..3]).unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.counts().unwrap(), (3, 2));
    // The writer holds its write lock in a batch; the reader still reads.
    ingest.add_batch(&stream()[3..]).unwrap();
    assert_eq!(reader.counts().unwrap(), (7, 2));
    assert!(reader.save_brief(1, "k", 5, "x").is_err(), "read-only");
    assert_eq!(reader.story_size(1).unwrap(), Some(5));
    assert_eq!(reader.story_size(99).unwrap(), None);
    let a = reader.article("d1").unwrap().unwrap();
    assert_eq!((a.story, a.day), (1, 101));
    assert!(reader.article("nope").unwrap().is_none());
}

#[test]
fn a_store_that_cannot_or_may_not_be_written_is_read_and_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()).unwrap();
    ingest.finish().unwrap();
    let writable = Store::open_for_reading(&db).unwrap();
    assert!(writable.writable());
    drop(writable);

    // Marked read-only (chmod 0444): read through a read-only connection, even as root.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let reader = Store::open_for_reading(&db).unwrap();
    assert!(!reader.writable());
    assert_eq!(reader.counts().unwrap(), (7, 2));
    assert_eq!(reader.stories(None).unwrap().len(), 2);
    assert_eq!(reader.members(1).unwrap().len(), 5);
    assert!(reader.save_brief(1, "k", 5, "x").is_err(), "read-only");
    drop(reader);
    assert_eq!(std::fs::read(&db).unwrap(), before);

    // No `-shm` file can be made beside it (as on a read-only mount; here a directory holds
    // its name): still read.
    let shm = dir.path().join("news.db-shm");
    let _ = std::fs::remove_file(&shm);
    let _ = std::fs::remove_file(dir.path().join("news.db-wal"));
    std::fs::create_dir(&shm).unwrap();
    for reader in [
        Store::open_for_reading(&db).unwrap(),
        Store::open_read_only(&db).unwrap(),
    ] {
        assert!(!reader.writable());
        assert_eq!(reader.counts().unwrap(), (7, 2));
        assert_eq!(reader.members(2).unwrap().len(), 2);
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(
        Store::open_read_only(&db).unwrap().counts().unwrap(),
        (7, 2)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn undated_articles_show_no_date_and_do_not_stretch_their_story() {
    const INGEST_DAY: i64 = 20_000;
    let undated = |id: &str, text: &str| NewArticle {
        undated: true,
        ..article(id, text, INGEST_DAY)
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest
        .add_batch(&[
            undated("p-undated", PORT[0]),
            article("d0", DAM[0], 100),
            article("d1", DAM[1], 101),
        ])
        .unwrap();
    drop(ingest);
    // Resumed: the last dated day comes from the store.
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&[undated("d-undated", DAM[2])]).unwrap();
    let store = ingest.store();
    let rows = store.stories(None).unwrap();
    let dam = rows.iter().find(|r| r.headline.contains("Vell")).unwrap();
    assert_eq!(
        (dam.first_day, dam.last_day, dam.articles),
        (Some(100), Some(101), 3)
    );
    assert!(dam.has_undated);
    let port = rows
        .iter()
        .find(|r| r.headline.contains("Saltmere"))
        .unwrap();
    assert_eq!((port.first_day, port.last_day), (None, None));
    assert!(port.has_undated);
    // Clustered at the previous dated article's day (not shown), not at the ingest day.
    let a = store.article("d-undated").unwrap().unwrap();
    assert_eq!((a.day, a.undated), (101, true));
    let hit = &store.search("rescue", 5).unwrap()[0];
    assert_eq!((hit.article.as_str(), hit.day), ("d-undated", None));
    let hit = &store.search("town", 5).unwrap()[0];
    assert_eq!(hit.day, Some(100));
}

#[test]
fn stories_page_by_cursor_and_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()).unwrap();
    let store = ingest.store();
    let all = store.stories(None).unwrap();
    let first = store
        .story_page(&StoryQuery {
            limit: Some(1),
            ..StoryQuery::default()
        })
        .unwrap();
    assert_eq!(first, all[..1]);
    let rest = store
        .story_page(&StoryQuery {
            after: Some((first[0].sort_day, first[0].id)),
            ..StoryQuery::default()
        })
        .unwrap();
    assert_eq!(rest, all[1..]);
    let dock = store
        .story_page(&StoryQuery {
            q: Some("dockworkers".into()),
            ..StoryQuery::default()
        })
        .unwrap();
    assert_eq!(dock.iter().map(|s| s.id).collect::<Vec<_>>(), vec![2]);
    let none = store
        .story_page(&StoryQuery {
            q: Some(" -- ".into()),
            ..StoryQuery::default()
        })
        .unwrap();
    assert!(none.is_empty());
}

#[test]
fn search_finds_stemmed_words_with_marked_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()).unwrap();
    let hits = ingest.store().search("collapse spillway", 10).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.article.as_str()).collect();
    assert!(ids.contains(&"d0") && ids.contains(&"d1"), "{ids:?}");
    assert!(!ids.contains(&"p0"));
    for h in &hits {
        assert!(!h.marks.is_empty());
        for &(a, b) in &h.marks {
            let w = h.snippet[a..b].to_lowercase();
            assert!(w.starts_with("collaps") || w.starts_with("spillway"), "{w}");
        }
    }
    assert!(ingest.store().search("\"unbalanced OR", 10).is_ok());
    assert!(ingest.store().search("", 10).unwrap().is_empty());
}

/// A store of the test stream in `dir`, then made what an older version wrote by `sql`.
fn older_store(dir: &Path, sql: &str) -> std::path::PathBuf {
    let db = dir.join("news.db");
    let mut ingest = Ingest::open(&db, None).unwrap();
    ingest.add_batch(&stream()).unwrap();
    ingest.finish().unwrap();
    Connection::open(&db).unwrap().execute_batch(sql).unwrap();
    db
}

/// A store written by the previous version (schema 2: no search index) is upgraded by a
/// read-write open, in one transaction, and refused by a read-only one until then.
#[test]
fn a_schema_2_store_is_upgraded_by_a_write_open_and_refused_read_only() {
    let dir = tempfile::tempdir().unwrap();
    // Make it what schema 2 wrote.
    let db = older_store(
        dir.path(),
        "DROP TABLE articles_fts; DROP INDEX stories_recent;
         ALTER TABLE articles DROP COLUMN authors;
         ALTER TABLE articles DROP COLUMN language;
         UPDATE meta SET value = '2' WHERE key = 'schema';",
    );
    let e = Store::open_read_only(&db).unwrap_err();
    assert!(matches!(e, StoreError::Refused { .. }), "{e}");
    assert!(e.to_string().contains("open it once for writing"), "{e}");
    let store = Store::open(&db).unwrap();
    assert!(store
        .members(0)
        .unwrap()
        .iter()
        .all(|a| a.authors.is_empty()));
    assert_eq!(store.search("dockworkers", 10).unwrap().len(), 2);
    drop(store);
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.search("spillway", 10).unwrap().len(), 5);
    // A schema this version does not know is refused.
    Connection::open(&db)
        .unwrap()
        .execute("UPDATE meta SET value = '9' WHERE key = 'schema'", [])
        .unwrap();
    let e = Ingest::open(&db, None).unwrap_err();
    assert!(e.to_string().contains("store schema 9"), "{e}");
}

/// A schema 3 store (no authors column) is upgraded by a write open; articles ingested then
/// keep the authors and the date their bylines and timestamp lines state.
#[test]
fn a_schema_3_store_gains_authors_and_articles_keep_their_bylines() {
    let dir = tempfile::tempdir().unwrap();
    let db = older_store(
        dir.path(),
        "ALTER TABLE articles DROP COLUMN authors;
         ALTER TABLE articles DROP COLUMN language;
         UPDATE meta SET value = '3' WHERE key = 'schema';",
    );
    let e = Store::open_read_only(&db).unwrap_err();
    assert!(e.to_string().contains("schema 3 is older"), "{e}");
    let mut ingest = Ingest::open(&db, None).unwrap();
    let a = newsbrief_core::Article {
        id: "bylined".into(),
        text: "By Maria Gonzalez and Tom Reid\nPublished: 2026/03/09\nThe Hollin dam gave way before dawn, flooding the lower town of Kessling.\nRescuers searched the river banks all day.".into(),
        ..Default::default()
    };
    ingest.add_batch(&[NewArticle::prepare(a, 20_600)]).unwrap(); // ingested 2026-05-27
    ingest.finish().unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    let stored = reader.article("bylined").unwrap().unwrap();
    assert_eq!(stored.authors, ["Maria Gonzalez", "Tom Reid"]);
    assert_eq!(stored.published.as_deref(), Some("2026-03-09"));
    assert!(!stored.undated);
    // Articles stored before the upgrade name nobody.
    assert!(reader.article("d0").unwrap().unwrap().authors.is_empty());
}

/// A schema 4 store (no language column) is upgraded by a write open; articles ingested then
/// keep the language their input declares.
#[test]
fn a_schema_4_store_gains_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = older_store(
        dir.path(),
        "ALTER TABLE articles DROP COLUMN language;
         UPDATE meta SET value = '4' WHERE key = 'schema';",
    );
    let e = Store::open_read_only(&db).unwrap_err();
    assert!(e.to_string().contains("schema 4 is older"), "{e}");
    let mut ingest = Ingest::open(&db, None).unwrap();
    let a = newsbrief_core::Article {
        id: "tagged".into(),
        language: Some("en-GB".into()),
        text: "The Hollin dam gave way before dawn, flooding the lower town of Kessling.".into(),
        ..Default::default()
    };
    ingest.add_batch(&[NewArticle::prepare(a, 20_600)]).unwrap(); // ingested 2026-05-27
    ingest.finish().unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(
        reader
            .article("tagged")
            .unwrap()
            .unwrap()
            .language
            .as_deref(),
        Some("en-GB")
    );
    assert_eq!(reader.article("d0").unwrap().unwrap().language, None);
}
