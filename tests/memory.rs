//! Learning a source's boilerplate across documents (`SourceMemory`), end to end on a synthetic
//! corpus: one source whose invented stories share a disclaimer and a call to action, and
//! another source that quotes one of the same sentences.

use corestory::{Category, Extraction, Extractor, SourceMemory};

const RULE: &str = "repeated-across-documents";

/// One disclaimer phrase and no label: too weak for the disclaimer rule alone.
const DISCLAIMER: &str = "The views shared in this digest are offered for general information \
only, and our editors review each piece before it runs on the morning page.";

/// A newsletter phrase covering too little of the block for the call-to-action rule alone.
const CTA: &str = "Sign up for our weekly newsletter and you will get the stories our editors \
picked, a crossword puzzle and the almanac for the county every Saturday.";

/// A lead sentence that several stories of the source share: story, not boilerplate.
const FLOOD_LEAD: &str = "Floodwater from the Alder river reached the market square on \
Tuesday, closing shops along the river road.";

/// Invented subjects: (place, thing, person, number).
const SUBJECTS: [(&str, &str, &str, u32); 19] = [
    ("Elmsworth", "ferry", "Ruth Okafor", 40),
    ("Brackley", "orchard", "Tomas Lindqvist", 12),
    ("Carrow", "library roof", "Amina Diallo", 300),
    ("Dunmere", "tram line", "Pieter Vos", 7),
    ("Eastleigh", "school choir", "Mei Tanaka", 64),
    ("Fernhill", "harbour crane", "Oscar Brandt", 90),
    ("Glenholt", "bakery", "Lucia Ferreira", 5),
    ("Harwick", "cycling club", "Jonas Berg", 150),
    ("Ivybridge", "observatory", "Sana Qureshi", 2),
    ("Kestrel Bay", "lifeboat", "Hugo Marchetti", 18),
    ("Lowfield", "allotments", "Grace Mensah", 44),
    ("Marston", "town clock", "Felix Novak", 1887),
    ("Northam", "bus depot", "Ingrid Solberg", 23),
    ("Oakhurst", "museum", "Rafael Ortiz", 600),
    ("Pennick", "brass band", "Yara Haddad", 31),
    ("Quarrydale", "swimming pool", "Leon Fischer", 50),
    ("Rookwood", "rail bridge", "Nadia Petrova", 140),
    ("Selby Cross", "chess tournament", "Arjun Mehta", 96),
    ("Thornbury", "market hall", "Clara Dubois", 11),
];

/// The story blocks of subject `n`; the first 6 subjects are flood stories sharing a lead.
fn story(n: usize) -> Vec<String> {
    let (place, thing, person, number) = SUBJECTS[n];
    let mut blocks = vec![format!("The {thing} of {place} makes news again")];
    if n < 6 {
        blocks.push(FLOOD_LEAD.to_string());
        blocks.push(format!(
            "Traders on the market square counted the damage as the Alder river fell back, and \
             {person} said the shops along the river road and the {thing} would reopen within \
             {number} days."
        ));
    }
    blocks.push(format!(
        "Residents of {place} gathered on Thursday to see the {thing}, which {person} described \
         as the most talked-about project the town has had in {number} years."
    ));
    blocks.push(format!(
        "According to {person}, the work on the {thing} cost less than planned because \
         volunteers from {place} gave their weekends to it."
    ));
    blocks.push(format!(
        "A second phase is planned for next spring, when the {thing} will open to visitors from \
         neighbouring towns as well."
    ));
    blocks.push("Summary".to_string());
    blocks
}

/// A document of source A: a story, then the source's disclaimer and call to action.
fn source_a(n: usize) -> String {
    let mut blocks = story(n);
    blocks.push(DISCLAIMER.to_string());
    blocks.push(CTA.to_string());
    blocks.join("\n\n")
}

/// Source A: 19 stories, the first posted 6 times in all (a repost is not boilerplate).
fn corpus_a() -> Vec<(usize, String)> {
    let mut docs: Vec<(usize, String)> = (0..SUBJECTS.len()).map(|n| (n, source_a(n))).collect();
    for _ in 0..5 {
        docs.push((0, source_a(0)));
    }
    docs
}

/// Source B: its own stories, two of which quote A's disclaimer inside a paragraph, one of
/// which carries it as a paragraph of its own.
fn corpus_b() -> Vec<String> {
    (0..5)
        .map(|n| {
            let (place, thing, person, _) = SUBJECTS[18 - n];
            let mut blocks = vec![
                format!("Letters: the {thing} debate in {place}"),
                format!(
                    "Our readers wrote in about the {thing}, and {person} answered every letter \
                     in a long evening at the town hall."
                ),
            ];
            match n {
                0 | 1 => blocks.push(format!(
                    "One reader quoted the rival paper's notice, \"{DISCLAIMER}\", and asked \
                     whether {place} deserved better."
                )),
                2 => blocks.push(DISCLAIMER.to_string()),
                _ => {}
            }
            blocks.push(format!(
                "The council of {place} will vote on the {thing} next month, {person} said."
            ));
            blocks.join("\n\n")
        })
        .collect()
}

fn learn<'a>(extractor: &Extractor, docs: impl IntoIterator<Item = &'a String>) -> SourceMemory {
    let memory = SourceMemory::new();
    for doc in docs {
        memory.learn(&extractor.extract_text(doc).expect("extracts"));
    }
    memory
}

fn ruled(ex: &Extraction) -> Vec<(Category, &str)> {
    ex.removals()
        .iter()
        .filter(|r| r.rule == RULE)
        .map(|r| (r.category, r.text.as_str()))
        .collect()
}

#[test]
fn source_boilerplate_goes_under_its_category_and_stories_stay_whole() {
    let extractor = Extractor::new();
    let docs = corpus_a();
    let memory = learn(&extractor, docs.iter().map(|(_, d)| d));
    assert_eq!(memory.documents(), 24);
    for (n, doc) in &docs {
        // The rules alone keep both: what goes is the memory's doing.
        let plain = extractor.extract_text(doc).expect("extracts");
        assert!(plain.text().contains(DISCLAIMER) && plain.text().contains(CTA));

        let ex = extractor
            .with_memory(&memory)
            .extract_text(doc)
            .expect("extracts");
        assert_eq!(
            ruled(&ex),
            vec![(Category::Disclaimer, DISCLAIMER), (Category::Promo, CTA)],
            "document {n}"
        );
        assert_eq!(ex.text(), story(*n).join("\n\n"), "document {n}");
        for r in ex.removals().iter().filter(|r| r.rule == RULE) {
            assert!(r.score >= r.threshold, "{r:?}");
            assert_eq!(r.threshold, SourceMemory::MIN_SHARE);
        }
    }
}

#[test]
fn another_source_quoting_the_same_sentence_is_untouched() {
    let extractor = Extractor::new();
    let a = learn(&extractor, corpus_a().iter().map(|(_, d)| d));
    let docs = corpus_b();
    let b = learn(&extractor, &docs);
    for doc in &docs {
        let plain = extractor.extract_text(doc).expect("extracts");
        let own = extractor
            .with_memory(&b)
            .extract_text(doc)
            .expect("extracts");
        assert_eq!(own, plain, "source B's own memory learnt nothing to remove");
    }
    // A's memory does not know a paragraph that merely quotes its disclaimer.
    for doc in &docs[..2] {
        let ex = extractor
            .with_memory(&a)
            .extract_text(doc)
            .expect("extracts");
        assert!(ex.text().contains(DISCLAIMER));
        assert!(ruled(&ex).is_empty());
    }
}

#[test]
fn a_memory_fed_from_threads_and_merged_removes_the_same() {
    let extractor = Extractor::new();
    let docs = corpus_a();
    let whole = learn(&extractor, docs.iter().map(|(_, d)| d));
    let halves = [SourceMemory::new(), SourceMemory::new()];
    std::thread::scope(|s| {
        for (k, half) in halves.iter().enumerate() {
            let (extractor, docs) = (&extractor, &docs);
            s.spawn(move || {
                for (_, doc) in docs.iter().skip(k).step_by(2) {
                    half.learn(&extractor.extract_text(doc).expect("extracts"));
                }
            });
        }
    });
    halves[0].merge(&halves[1]);
    assert_eq!(halves[0].documents(), whole.documents());
    assert_eq!(halves[0].learnt(), whole.learnt());
    let doc = &docs[3].1;
    let merged = extractor
        .with_memory(&halves[0])
        .extract_text(doc)
        .expect("extracts");
    let single = extractor
        .with_memory(&whole)
        .extract_text(doc)
        .expect("extracts");
    assert_eq!(merged, single);
}

#[test]
fn a_learnt_block_never_takes_more_than_its_share_of_a_story() {
    let extractor = Extractor::new();
    let memory = learn(&extractor, corpus_a().iter().map(|(_, d)| d));
    // A story of a title and one short paragraph: the disclaimer and the call to action would
    // be most of its words.
    let short = format!(
        "Brief: the ferry of Elmsworth\n\nThe ferry of Elmsworth sailed again today.\n\n\
         {DISCLAIMER}\n\n{CTA}"
    );
    let ex = extractor
        .with_memory(&memory)
        .extract_text(&short)
        .expect("extracts");
    let removed: usize = ex
        .removals()
        .iter()
        .filter(|r| r.rule == RULE)
        .map(|r| r.text.split_whitespace().count())
        .sum();
    let plain = extractor.extract_text(&short).expect("extracts");
    let words = plain.text().split_whitespace().count() as f32;
    assert!(removed > 0, "the budget allows one of the two");
    assert!(removed as f32 <= words * SourceMemory::MAX_STORY_SHARE);
}

#[test]
fn too_few_documents_teach_nothing() {
    let extractor = Extractor::new();
    let docs: Vec<String> = (1..4).map(source_a).collect();
    let memory = learn(&extractor, &docs);
    for doc in &docs {
        let ex = extractor
            .with_memory(&memory)
            .extract_text(doc)
            .expect("extracts");
        assert!(ruled(&ex).is_empty());
    }
}

#[test]
fn a_category_switched_off_keeps_its_learnt_blocks() {
    let extractor = Extractor::builder()
        .keep_category(Category::Promo)
        .build()
        .expect("builds");
    let docs = corpus_a();
    let memory = learn(&extractor, docs.iter().map(|(_, d)| d));
    let ex = extractor
        .with_memory(&memory)
        .extract_text(&docs[1].1)
        .expect("extracts");
    assert_eq!(ruled(&ex), vec![(Category::Disclaimer, DISCLAIMER)]);
    assert!(ex.text().contains(CTA));
}
