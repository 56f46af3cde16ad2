//! Bytes to text: BOM, then `<meta charset>` in the first 1024 bytes, then UTF-8 with lossy
//! replacement (the WHATWG order, through encoding_rs).

use encoding_rs::Encoding;
use std::borrow::Cow;

/// Decodes an HTML document's bytes.
pub(crate) fn decode_html(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return text;
    }
    // `from_utf8` checks a word at a time; `from_utf8_lossy` walks every byte, 7 instructions
    // each, even when it has nothing to replace.
    let utf8 = std::str::from_utf8(bytes);
    if let Some(encoding) = prescan_meta_charset(&bytes[..bytes.len().min(1024)]) {
        // A page that declares a legacy charset but is valid UTF-8 is nearly always UTF-8
        // mislabelled by its CMS; decoding it as Windows-1252 would turn every non-ASCII
        // character into mojibake.
        if encoding != encoding_rs::UTF_8 && utf8.is_err() {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            return text;
        }
    }
    match utf8 {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Finds `charset=` in a `<meta>` tag of the first bytes (`<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`).
fn prescan_meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = trim_start(rest, |b| b == b' ' || b == b'=' || b == b'"' || b == b'\'');
            let label_end = rest
                .iter()
                .position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest[..label_end]) {
                // Per the standard, a UTF-16 label in a meta tag means UTF-8.
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(enc);
            }
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8], pred: impl Fn(u8) -> bool) -> &[u8] {
    let n = s.iter().take_while(|&&b| pred(b)).count();
    &s[n..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<p>caf\u{e9}</p>".as_bytes());
        assert_eq!(decode_html(&bytes), "<p>caf\u{e9}</p>");
    }

    #[test]
    fn meta_charset_legacy() {
        let bytes = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body>";
        assert!(decode_html(bytes).contains("caf\u{e9}"));
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>\xe9t\xe9";
        assert!(decode_html(bytes).contains("\u{e9}t\u{e9}"));
    }

    #[test]
    fn utf8_mislabelled_stays_utf8() {
        let bytes = "<meta charset=\"iso-8859-1\"><p>caf\u{e9}</p>".as_bytes();
        assert!(decode_html(bytes).contains("caf\u{e9}"));
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(decode_html(b"ab\xffcd"), "ab\u{fffd}cd");
    }
}
