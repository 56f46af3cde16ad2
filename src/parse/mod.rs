//! Stage 1, parse: bytes to text (charset), HTML to a flat [`Dom`](crate::dom::Dom), text to
//! lines. html5ever's tree lives only in [`sink`] and [`html`].

mod char_refs;
pub(crate) mod decode;
mod guard;
pub(crate) mod html;
mod markup;
mod raw_text;
#[cfg(test)]
mod rcdom_reference;
mod read_ahead;
mod sink;
mod streamed;
pub(crate) mod text;
mod unread;

/// Whether `input` is HTML rather than text, by sniffing its start: a doctype, `<html>` or
/// `<?xml`, or several document- or block-level tags in the first 2,048 characters. Text that
/// merely mentions a tag is text. [`Extractor::extract`](crate::Extractor::extract) decides
/// with this; a caller holding bytes can sniff their start before choosing
/// [`Extractor::extract_html_bytes`](crate::Extractor::extract_html_bytes).
///
/// ```
/// assert!(corestory::looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>"));
/// assert!(!corestory::looks_like_html("A story about the <p> tag.\n\nIt is short."));
/// ```
pub fn looks_like_html(input: &str) -> bool {
    let head: String = input
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<?xml")
    {
        return true;
    }
    // Text that merely mentions a tag is still text: ask for document-level or several
    // block-level tags.
    const MARKERS: &[&str] = &[
        "<head", "<body", "<div", "<p>", "<p ", "<article", "<meta ", "<title", "<br", "<table",
        "<li>", "<span",
    ];
    let hits: usize = MARKERS.iter().map(|m| head.matches(m).count()).sum();
    hits >= 3 || head.starts_with("<head") || head.starts_with("<body")
}

/// True when bytes look like a binary file rather than markup or text: NUL bytes or many
/// control characters in the first 4 KiB.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if head.is_empty() {
        return false;
    }
    // UTF-16 text has NULs but also a BOM; decode handles it.
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    nul * 100 > head.len() || control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_html_and_text() {
        assert!(looks_like_html(
            "<!DOCTYPE html><html><body>x</body></html>"
        ));
        assert!(looks_like_html("  <html lang=en>"));
        assert!(looks_like_html("<div><p>a</p><p>b</p></div>"));
        assert!(!looks_like_html(
            "A story about the <p> tag.\n\nIt is short."
        ));
        assert!(!looks_like_html("Plain text only."));
    }

    #[test]
    fn sniffs_binary() {
        assert!(looks_binary(&[0, 1, 2, 3, 0, 0, 0, 9, 200, 0]));
        assert!(!looks_binary(b"hello\nworld"));
        assert!(!looks_binary(b""));
    }
}
