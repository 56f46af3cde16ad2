//! Any string as text already pulled out of a page: no panic, and every block accounted for.
#![no_main]

use corestory::Extractor;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(Extractor::new)
}

fuzz_target!(|text: &str| {
    if let Ok(ex) = extractor().extract_text(text) {
        assert_eq!(ex.blocks().len() + ex.removals().len(), ex.total_blocks());
        let _ = (ex.text(), ex.markdown(), ex.html(), ex.body_text());
    }
    // The sniffing entry point takes the same input down either path.
    let _ = extractor().extract(text);
});
