//! Script and style bodies skipped unread.
//!
//! Half the bytes of a typical news page are inline JavaScript and CSS, which the parse stage
//! throws away (only JSON-LD is read). html5ever would still tokenize them a line at a time
//! and copy every line into the tree. This token filter sits in front of the guard: when the
//! tree builder answers a `<script>` or `<style>` start tag by switching the tokenizer to raw
//! text, it finds where that raw text ends in the input still queued and drops the bytes in
//! between, so the tokenizer goes straight on to the end tag.
//!
//! The end is found as the tokenizer would find it: the first `</script` or `</style`
//! (any case) followed by whitespace, `/` or `>`. Script data has escape states (`<!--` in a
//! script hides a nested `</script>` from the tokenizer), so a script body holding `<!--`
//! before that end is left to the tokenizer. Bodies whose end is not in the queue (an
//! unterminated script) are left alone too. The tree is the one the tokenizer would have
//! built, less the bodies' text (the rcdom reference test checks this on every corpus page).

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, StartTag, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, Attribute};
use std::rc::Rc;

/// Wraps the next token sink (the guard); shares the tokenizer's input queue.
pub(crate) struct SkipRawText<S> {
    pub inner: S,
    input: Rc<BufferQueue>,
}

impl<S> SkipRawText<S> {
    pub(crate) fn new(inner: S, input: Rc<BufferQueue>) -> SkipRawText<S> {
        SkipRawText { inner, input }
    }

    /// Drops the body of the element just opened from the front of the queue.
    fn skip_body(&self, end_tag: &[u8], escapes: bool) {
        let Some(mut front) = self.input.peek_front_chunk_mut() else {
            return;
        };

        if let Some(end) = body_end(&front, end_tag, escapes) {
            if end > 0 {
                // `end` is at a '<', a character boundary, and before the end of the buffer:
                // the queue's buffers stay non-empty.
                front.pop_front(end as u32);
            }
        }
    }
}

/// A `type` that marks a script as JSON-LD, whose text the parse stage keeps.
pub(crate) fn is_json_ld(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|a| {
        &*a.name.local == "type"
            && a.value
                .as_bytes()
                .windows(7)
                .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
    })
}

/// The byte offset in `text` of the tag that ends a raw-text body: `</` + `name` (ASCII case
/// ignored) + whitespace, `/` or `>`. With `escapes` (script data), `None` when `<!--` comes
/// first, since the tokenizer's escape states may then skip that end tag.
pub(super) fn body_end(text: &str, name: &[u8], escapes: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    for at in memchr::memchr_iter(b'<', bytes) {
        let rest = &bytes[at + 1..];
        if escapes && rest.starts_with(b"!--") {
            return None;
        }
        if rest.len() > name.len() + 1
            && rest[0] == b'/'
            && rest[1..=name.len()].eq_ignore_ascii_case(name)
            && matches!(
                rest[name.len() + 1],
                b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
            )
        {
            return Some(at);
        }
    }
    None
}

/// A token sink that also takes tokens known to open no raw-text body: the tokens the read-ahead
/// filter makes as [`super::read_ahead`]'s `Item::Plain` (no `<script>` or `<style>` start tag
/// among them), which the raw-text filter would only look at and hand on.
pub(crate) trait PlainSink: TokenSink {
    fn process_plain(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle>;
}

impl<S: TokenSink> PlainSink for SkipRawText<S> {
    fn process_plain(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        debug_assert!(!matches!(
            &token,
            Token::TagToken(tag) if tag.kind == StartTag
                && matches!(tag.name, local_name!("script") | local_name!("style"))
        ));
        self.inner.process_token(token, line_number)
    }
}

impl<S: TokenSink> TokenSink for SkipRawText<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        let body = match &token {
            Token::TagToken(tag) if tag.kind == StartTag => match tag.name {
                local_name!("script") if !is_json_ld(&tag.attrs) => {
                    Some((RawKind::ScriptData, &b"script"[..], true))
                }
                local_name!("style") => Some((RawKind::Rawtext, &b"style"[..], false)),
                _ => None,
            },
            _ => None,
        };
        let result = self.inner.process_token(token, line_number);
        if let Some((kind, end_tag, escapes)) = body {
            // Only when the tree builder made it raw text: a `<style>` inside `<svg>` is an
            // ordinary element, and a tag the guard dropped is not opened at all.
            if matches!(result, TokenSinkResult::RawData(k) if k == kind) {
                self.skip_body(end_tag, escapes);
            }
        }
        result
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

#[cfg(test)]
mod tests {
    use super::{body_end, is_json_ld};
    use html5ever::{local_name, ns, Attribute, QualName};

    #[test]
    fn json_ld_is_told_by_its_type_in_any_case() {
        let typed = |value: &str| {
            vec![Attribute {
                name: QualName::new(None, ns!(), local_name!("type")),
                value: value.into(),
            }]
        };
        assert!(is_json_ld(&typed("application/ld+json")));
        assert!(is_json_ld(&typed("Application/LD+JSON; charset=utf-8")));
        assert!(!is_json_ld(&typed("text/javascript")));
        assert!(!is_json_ld(&typed("ld+jso")));
        assert!(!is_json_ld(&[]));
    }

    #[test]
    fn finds_the_end_tag_the_tokenizer_finds() {
        assert_eq!(body_end("var a = 1;</script>", b"script", true), Some(10));
        assert_eq!(body_end("a</SCRIPT >", b"script", true), Some(1));
        assert_eq!(body_end("a</script/>", b"script", true), Some(1));
        assert_eq!(body_end("a</script\n>", b"script", true), Some(1));
        // Not an end tag: a longer name, a missing delimiter, another element's end.
        assert_eq!(
            body_end("</scripts></b></script>", b"script", true),
            Some(14)
        );
        assert_eq!(body_end("a</script", b"script", true), None);
        assert_eq!(body_end("x</style>", b"script", true), None);
        // Escapes: left to the tokenizer.
        assert_eq!(
            body_end("<!--<script></script>--></script>", b"script", true),
            None
        );
        // Style has no escape states.
        assert_eq!(body_end("/*<!--*/p{}</style>", b"style", false), Some(11));
        // Multi-byte text before the end.
        assert_eq!(body_end("é</style>", b"style", false), Some(2));
        // `<!--` after the end does not matter; `<` at the very end is no tag.
        assert_eq!(body_end("a</script><!--", b"script", true), Some(1));
        assert_eq!(body_end("a<", b"script", true), None);
        assert_eq!(body_end("a<!-", b"script", true), None);
    }
}
