//! Any bytes as an HTML page: no panic, and the promises of `Extraction` hold.
#![no_main]

use corestory::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(ex) = extractor().extract_html_bytes(data) {
        assert_eq!(ex.blocks().len() + ex.removals().len(), ex.total_blocks());
        let html = ex.html().to_ascii_lowercase();
        assert!(!html.contains("<script") && !html.contains("javascript:"));
        let _ = (ex.text(), ex.markdown(), ex.body_text());
    }
});
