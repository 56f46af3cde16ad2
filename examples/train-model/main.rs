//! Dumps every block's classifier signals (prototype).
use rayon::prelude::*;
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (input, out) = (&args[1], &args[2]);
    let extractor = corestory::Extractor::new();
    let mut files: Vec<_> = std::fs::read_dir(input)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    files.sort();
    let lines: Vec<String> = files
        .par_iter()
        .flat_map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().to_string();
            let bytes = std::fs::read(p).unwrap();
            let html = String::from_utf8_lossy(&bytes);
            let blocks = extractor.training_blocks(&html).unwrap_or_default();
            blocks
                .into_iter()
                .enumerate()
                .map(|(i, b)| {
                    serde_json::json!({"doc": id, "i": i, "text": b.text, "rule": b.rule,
                        "title": b.title, "x": b.signals})
                    .to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut f = std::io::BufWriter::new(std::fs::File::create(out).unwrap());
    writeln!(f, "{}", serde_json::json!(corestory::signal_names())).unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
}
