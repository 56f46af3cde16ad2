//! Throughput of each stage, in bytes of HTML per second.
//!
//! ```text
//! CORESTORY_CORPUS=/path/to/aeb/docs cargo bench --features bench-internals
//! ```
//!
//! - `corpus/*`: the `.html` pages of `CORESTORY_CORPUS` (default `target/corpora/aeb/docs`;
//!   skipped with a notice when absent, like every corpus group), all of them per iteration (`CORESTORY_BENCH_PAGES=N`
//!   takes the first N): `rcdom_parse_walk` is html5ever into rcdom plus an iterative walk over
//!   every node, the floor of this design; `parse` is our parse stage (html5ever, flattened into
//!   the arena), `segment` adds blocks, `extract` is the whole pipeline; `dom_smoothie` is
//!   dom_smoothie (a Readability.js port) on the same pages.
//! - `scaling/*`: the whole pipeline on generated article pages of 10 KB to 10 MB, to see that
//!   time grows linearly with input.
//! - `text/*`: `extract_text` on generated text (a story of near-identical paragraphs, most of
//!   which dedup removes: a light load per byte).
//! - `text_corpus/*`: `extract_text` on the `.txt` files of `CORESTORY_TEXT_CORPUS` (default
//!   `target/corpora/wcxb-dev/gold`, real stories of many sites and languages), all of them per
//!   iteration.

use corestory::Extractor;
use criterion::measurement::WallTime;
use criterion::{
    criterion_group, criterion_main, BenchmarkGroup, BenchmarkId, Criterion, Throughput,
};
#[path = "../examples/common/rcdom_walk.rs"]
mod rcdom_walk;
use rcdom_walk::rcdom_parse_walk;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The files of a folder with extension `ext`, sorted, as text (invalid UTF-8 replaced): the
/// folder `env` names, else `default` under the crate; `None`, with a notice, when it is
/// absent or has no such file. `CORESTORY_BENCH_PAGES=N` keeps the first N.
fn read_folder(env: &str, default: &str, ext: &str) -> Option<Vec<String>> {
    let dir = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(default));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "benchmarks skipped: no folder {} (set {env})",
            dir.display()
        );
        return None;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    paths.sort();
    if let Some(n) = std::env::var("CORESTORY_BENCH_PAGES")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        paths.truncate(n);
    }
    let pages: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    (!pages.is_empty()).then_some(pages)
}

/// A group whose iterations each take a whole folder: throughput in its bytes, few and long
/// samples.
fn whole_folder_group<'a>(
    c: &'a mut Criterion,
    name: &str,
    files: &[String],
) -> BenchmarkGroup<'a, WallTime> {
    let bytes: usize = files.iter().map(String::len).sum();
    let mut group = c.benchmark_group(name);
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group
}

fn corpus(c: &mut Criterion) {
    let Some(pages) = read_folder("CORESTORY_CORPUS", "target/corpora/aeb/docs", "html") else {
        return;
    };
    let extractor = Extractor::new();
    let mut group = whole_folder_group(c, "corpus", &pages);
    group.bench_function("rcdom_parse_walk", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| rcdom_parse_walk(black_box(p)))
                .sum::<usize>()
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| corestory::internals::parse_html(black_box(p)))
                .sum::<usize>()
        })
    });
    group.bench_function("segment", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| corestory::internals::segment_html(black_box(p)))
                .sum::<usize>()
        })
    });
    // The fastest Rust extractor of top accuracy, on the same pages (examples/compare.rs runs
    // the same three side by side as whole rounds).
    group.bench_function("dom_smoothie", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| {
                    dom_smoothie::Readability::new(black_box(p.as_str()), None, None)
                        .and_then(|mut r| r.parse())
                        .map_or(0, |a| a.text_content.len())
                })
                .sum::<usize>()
        })
    });
    group.bench_function("extract", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| {
                    extractor
                        .extract_html(black_box(p))
                        .map_or(0, |x| x.blocks().len())
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

/// An article page of about `size` bytes: navigation, a story of paragraphs with links,
/// a related rail and a footer, repeated story sections until the size is reached.
fn generated_page(size: usize) -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html><head><title>Harbour Tunnel Opens Early</title></head><body>\
         <nav class=\"menu\"><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a>\
         </li></ul></nav><main><article><h1>Harbour Tunnel Opens Early</h1>",
    );
    let mut n = 0;
    while html.len() < size {
        n += 1;
        html.push_str(&format!(
            "<section><h2>Part {n}</h2><p>The new harbour tunnel opened on Monday, two months \
             ahead of schedule, after crews finished the ventilation shafts in record time. \
             Engineers said section {n} came from <a href=\"/p/{n}\">prefabricated segments</a> \
             built on shore, which cut the work under water by half.</p><p>Residents of the \
             eastern quarter, who had waited nine years, lined the approach road; the mayor \
             thanked the {n} crews and promised a second bore.</p>\
             <div class=\"share\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div></section>"
        ));
    }
    html.push_str(
        "</article></main><aside class=\"related\"><h3>You may also like</h3><ul>\
         <li><a href=\"/a\">Bridge repairs delayed</a></li></ul></aside>\
         <footer><p>© 2025 Harbourline Gazette. All rights reserved.</p></footer></body></html>",
    );
    html
}

fn generated_text(size: usize) -> String {
    let mut text = String::from("Harbour Tunnel Opens Early\n\n");
    let mut n = 0;
    while text.len() < size {
        n += 1;
        text.push_str(&format!(
            "The new harbour tunnel opened on Monday, two months ahead of schedule, after crew \
             {n} finished the ventilation shafts in record time. Engineers said the early finish \
             came from prefabricating the segments on shore.\n\n"
        ));
    }
    text.push_str("The post Harbour Tunnel Opens Early appeared first on Daily Wire Digest.");
    text
}

const SIZES: &[usize] = &[10_000, 100_000, 1_000_000, 10_000_000];

fn scaling(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("scaling");
    group.sample_size(10);
    for &size in SIZES {
        let page = generated_page(size);
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_with_input(BenchmarkId::new("extract_html", size), &page, |b, page| {
            b.iter(|| {
                extractor
                    .extract_html(black_box(page))
                    .map(|x| x.blocks().len())
            })
        });
    }
    group.finish();
}

/// `extract_text` on real article text: each story of `CORESTORY_TEXT_CORPUS` (default the
/// gold stories of wcxb-dev, 1,497 pages of many sites and languages), all per iteration.
fn text_corpus(c: &mut Criterion) {
    let Some(texts) = read_folder(
        "CORESTORY_TEXT_CORPUS",
        "target/corpora/wcxb-dev/gold",
        "txt",
    ) else {
        return;
    };
    let extractor = Extractor::new();
    let mut group = whole_folder_group(c, "text_corpus", &texts);
    group.bench_function("extract_text", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| {
                    extractor
                        .extract_text(black_box(t))
                        .map_or(0, |x| x.blocks().len())
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

fn text(c: &mut Criterion) {
    let extractor = Extractor::new();
    let mut group = c.benchmark_group("text");
    group.sample_size(10);
    for &size in &SIZES[..3] {
        let text = generated_text(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("extract_text", size), &text, |b, text| {
            b.iter(|| {
                extractor
                    .extract_text(black_box(text))
                    .map(|x| x.blocks().len())
            })
        });
    }
    group.finish();
}

criterion_group!(benches, corpus, scaling, text, text_corpus);
criterion_main!(benches);
