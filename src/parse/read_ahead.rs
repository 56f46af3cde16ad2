//! Plain markup tokenized ahead of html5ever's tokenizer.
//!
//! html5ever's tokenizer reads a character at a time, some sixty instructions each for tag
//! and attribute names and values. Most of a page's markup needs none of its finer states:
//! a start tag whose values hold no reference the standard reads oddly, an end tag, a
//! comment, a run of text. This token filter sits in front of the others. After each tag,
//! comment or doctype token that leaves the tokenizer in its data state, the input queue is at
//! the first character after it; the filter reads what follows itself, with the byte-wise tag
//! and comment states of [`super::markup`] and the decoding of [`super::char_refs`], and hands
//! the tokens the tokenizer would have made to the next sink, taking their bytes off the queue,
//! until it meets an item it leaves to the tokenizer:
//! - a start tag that switches the tokenizer to another state (`<title>`, `<textarea>` and
//!   the other raw-text elements, `<plaintext>`): only the tokenizer can know its end tag
//!   then. `<script>` and `<style>`, most of them, are the exception: when the body's end tag
//!   is whole in the buffer (and a body kept as text needs no decoding), the filter hands on
//!   the start tag and, if the tree builder answers with raw text, the body and the end tag
//!   too, as the tokenizer would read them;
//! - a doctype, a CDATA section, a processing instruction, a bogus comment, `<` as text;
//! - text or a value the decoder hands back (NUL in text, a legacy reference without `;`);
//! - a tag or comment that does not end in the queue's first buffer.
//!
//! The tree builder answers a token with "go on", a script to run or an encoding found
//! (besides the switches to raw or plain text, which these tokens never make). The parse loop
//! does nothing with the last two but feed the tokenizer again, so the filter takes them as
//! "go on": its run of tokens then always ends in "go on", which is what the tokenizer
//! insists on after a comment or a doctype.
//!
//! Its tokens leave out the attributes nothing reads ([`super::unread::is_read`]). When it
//! stops at a long start tag or a comment, the lean copy of [`super::unread::lean_copy`] takes
//! its place. The tree is the one the tokenizer would have built: the rcdom reference test
//! parses without this filter and compares on every fixture and corpus page, and a property
//! test does on pages cut from the pieces where the two readings could part.

use super::char_refs::{decode, Context};
use super::markup::{comment, read_tag, Attr};
use super::raw_text::{body_end, is_json_ld, PlainSink};
use super::sink::AttrVecs;
use super::unread::{keeps_all_attributes, lean_copy, MIN_TAG_BYTES};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use std::cell::RefCell;
use std::rc::Rc;

/// Wraps the next token sink; shares the tokenizer's input queue.
pub(crate) struct ReadAhead<S> {
    pub inner: S,
    input: Rc<BufferQueue>,
    scratch: RefCell<Scratch>,
}

/// Buffers reused from item to item.
#[derive(Default)]
struct Scratch {
    attrs: Vec<Attr>,
    /// A decoded value or text, a lower-cased name, a lean copy.
    text: String,
    /// The `Vec`s start tags' attributes go in.
    attr_vecs: AttrVecs,
}

impl<S> ReadAhead<S> {
    pub(crate) fn new(inner: S, input: Rc<BufferQueue>, attr_vecs: AttrVecs) -> ReadAhead<S> {
        ReadAhead {
            inner,
            input,
            scratch: RefCell::new(Scratch {
                attr_vecs,
                ..Scratch::default()
            }),
        }
    }

    /// Replaces the next markup item in the front buffer by its lean copy, if it has one.
    fn lean_next(&self) {
        let mut scratch = self.scratch.borrow_mut();
        let Scratch {
            attrs, text: copy, ..
        } = &mut *scratch;
        let Some(front) = self.input.peek_front_chunk_mut() else {
            return;
        };
        let Some((start, end)) = lean_copy(&front, attrs, copy, MIN_TAG_BYTES) else {
            return;
        };
        // The item sits between a '<' and a '>' (or at the buffer's start and end), so both
        // cuts fall on character boundaries.
        let rest = front.subtendril(end as u32, front.len32() - end as u32);
        let before = front.subtendril(0, start as u32);
        drop(front);
        self.input.pop_front();
        // `push_front` skips empty buffers.
        self.input.push_front(rest);
        self.input.push_front(StrTendril::from_slice(copy));
        self.input.push_front(before);
    }
}

impl<S: PlainSink> ReadAhead<S> {
    /// Hands the next sink the tokens of the plain markup at the front of the queue. A script
    /// to run or an encoding found is taken as "go on" (see the module note); another answer
    /// (none is expected) ends the run and is the tokenizer's to act on.
    ///
    /// A buffer is taken off the queue while its items are read and what is left put back
    /// after: no sink behind this one reads the queue on these tokens (the raw-text filter
    /// acts only on a switch to raw text, which only `<script>` and `<style>` make, and for
    /// those the queue is put in place first: see [`ReadAhead::raw_text`]).
    fn tokenize_plain(&self, line_number: u64) -> TokenSinkResult<S::Handle> {
        let mut scratch = self.scratch.borrow_mut();
        while let Some(mut buffer) = self.input.pop_front() {
            let mut at = 0;
            let mut result = TokenSinkResult::Continue;
            while let Some(item) = plain_token(&buffer, at, &mut scratch) {
                result = match item {
                    Item::Plain(token, len) => {
                        at += len;
                        self.inner.process_plain(token, line_number)
                    }
                    Item::RawStart(token, len, end_name) => {
                        at += len;
                        let (rest, answer) =
                            self.raw_text(&buffer, at, token, end_name, line_number);
                        (buffer, at) = (rest, 0);
                        answer
                    }
                };
                result = go_on(result);
                debug_assert!(matches!(result, TokenSinkResult::Continue));
                if !matches!(result, TokenSinkResult::Continue) {
                    break;
                }
            }
            if at < buffer.len() || !matches!(result, TokenSinkResult::Continue) {
                // `push_front` skips an empty buffer.
                self.input.push_front(if at == 0 {
                    buffer
                } else {
                    buffer.subtendril(at as u32, buffer.len32() - at as u32)
                });
                return result;
            }
        }
        TokenSinkResult::Continue
    }

    /// Hands on a `<script>` or `<style>` start tag that ends at byte `at` of `buffer`; when
    /// the tree builder answers it with raw text, also the body (what the raw-text filter
    /// leaves of it) and the end tag, as the tokenizer would read them in raw text. Returns
    /// the buffer from where reading goes on, and the last answer.
    fn raw_text(
        &self,
        buffer: &StrTendril,
        at: usize,
        start: Token,
        end_name: &[u8],
        line_number: u64,
    ) -> (StrTendril, TokenSinkResult<S::Handle>) {
        // The raw-text filter behind this one reads (and cuts) the queue on this token.
        self.input
            .push_front(buffer.subtendril(at as u32, buffer.len32() - at as u32));
        let answer = self.inner.process_token(start, line_number);
        let rest = self.input.pop_front().unwrap_or_default();
        if !matches!(answer, TokenSinkResult::RawData(_)) {
            // Not raw text (in SVG, or a tag the guard dropped): the body is markup.
            return (rest, answer);
        }
        let script = end_name == b"script";
        let found = body_end(&rest, end_name, script)
            .and_then(|end| Some((end, read_tag(rest.as_bytes(), end + 2, &mut Vec::new())?)));
        let Some((end, tag)) = found else {
            // Cannot be: the start tag was made only with its body's end in the buffer, and
            // the raw-text filter cuts no more than the body. Should it be, the tokenizer
            // reads on in raw text.
            debug_assert!(false, "a raw-text body's end went missing");
            return (rest, answer);
        };
        if end > 0 {
            let body = Token::CharacterTokens(rest.subtendril(0, end as u32));
            let _ = self.inner.process_token(body, line_number);
        }
        let name = if script {
            local_name!("script")
        } else {
            local_name!("style")
        };
        let answer = self
            .inner
            .process_token(end_tag(name, tag.self_closing), line_number);
        (
            rest.subtendril(tag.end as u32, rest.len32() - tag.end as u32),
            answer,
        )
    }
}

/// Whether the tokenizer stays in its data state on this answer: all but the switches to
/// raw and plain text.
fn keeps_data_state<H>(answer: &TokenSinkResult<H>) -> bool {
    matches!(
        answer,
        TokenSinkResult::Continue
            | TokenSinkResult::Script(_)
            | TokenSinkResult::EncodingIndicator(_)
    )
}

/// The answer as the filter's run takes it: a script to run or an encoding found as "go on"
/// (see the module note).
fn go_on<H>(answer: TokenSinkResult<H>) -> TokenSinkResult<H> {
    if keeps_data_state(&answer) {
        TokenSinkResult::Continue
    } else {
        answer
    }
}

/// An item read ahead of the tokenizer.
enum Item {
    /// A token and its length.
    Plain(Token, usize),
    /// A `<script>` or `<style>` start tag, its length and its name as its end tag spells it;
    /// the body and the end tag are whole in the buffer, and if the tree builder answers with
    /// raw text they are read here too (see [`ReadAhead::raw_text`]).
    RawStart(Token, usize, &'static [u8]),
}

/// Start tags after which the tokenizer reads in another state than its data state, but
/// `<script>` and `<style>` ([`Item::RawStart`]): their bodies end only at the end tag the
/// tokenizer remembers, so they are left to it. `<noscript>` is raw text only with scripting
/// on, and the parse stage parses with it off.
fn switches_state(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("title")
            | local_name!("textarea")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("plaintext")
    )
}

/// The token for the item at byte `at` of `front` (which the tokenizer would read in its data
/// state); `None` when it is left to the tokenizer.
fn plain_token(front: &StrTendril, at: usize, scratch: &mut Scratch) -> Option<Item> {
    let text: &str = front.get(at..)?;
    let bytes = text.as_bytes();
    if bytes.first()? != &b'<' {
        let end = memchr::memchr(b'<', bytes).unwrap_or(bytes.len());
        let chars = value(front, at..at + end, Context::Text, &mut scratch.text)?;
        return Some(Item::Plain(Token::CharacterTokens(chars), end));
    }
    let (token, len) = match *bytes.get(1)? {
        b if b.is_ascii_alphabetic() => return start_tag(front, at, scratch),
        b'/' if bytes.get(2)?.is_ascii_alphabetic() => {
            let tag = read_tag(bytes, 2, &mut scratch.attrs)?;
            if has_nul(&bytes[..tag.end]) {
                return None;
            }
            let name = local_name(&text[tag.name], &mut scratch.text);
            (end_tag(name, tag.self_closing), tag.end)
        }
        b'!' if bytes[2..].starts_with(b"--") => {
            let (body, end) = comment(bytes, 0)?;
            if memchr::memchr2(0, b'\r', &bytes[body.clone()]).is_some() {
                return None;
            }
            let body = front.subtendril((at + body.start) as u32, body.len() as u32);
            (Token::CommentToken(body), end)
        }
        _ => return None,
    };
    Some(Item::Plain(token, len))
}

fn end_tag(name: LocalName, self_closing: bool) -> Token {
    Token::TagToken(Tag {
        kind: TagKind::EndTag,
        name,
        self_closing,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    })
}

/// The start tag at byte `at` of `front`, with the attributes anything reads.
fn start_tag(front: &StrTendril, at: usize, scratch: &mut Scratch) -> Option<Item> {
    let text: &str = &front[at..];
    let bytes = text.as_bytes();
    let Scratch {
        attrs,
        text: buf,
        attr_vecs,
    } = scratch;
    let tag = read_tag(bytes, 1, attrs)?;
    // The tokenizer turns NUL in names and values into U+FFFD, which would also bear on which
    // attributes repeat: such tags are its own.
    if has_nul(&bytes[..tag.end]) {
        return None;
    }
    let name = local_name(&text[tag.name.clone()], buf);
    let raw_end: Option<&'static [u8]> = match name {
        local_name!("script") => Some(b"script"),
        local_name!("style") => Some(b"style"),
        _ if switches_state(&name) => return None,
        _ => None,
    };
    let keep_all = keeps_all_attributes(&name);
    let mut kept = attr_vecs.take(if keep_all {
        attrs.len()
    } else {
        attrs.iter().filter(|a| a.read).count()
    });
    let mut had_duplicate_attributes = false;
    for (k, a) in attrs.iter().enumerate() {
        if !(a.read || keep_all) {
            continue;
        }
        // The first of two same-named attributes stands, read or not.
        let own = &bytes[a.name.clone()];
        if attrs[..k]
            .iter()
            .any(|b| bytes[b.name.clone()].eq_ignore_ascii_case(own))
        {
            had_duplicate_attributes = true;
            continue;
        }
        let range = at + a.value.start..at + a.value.end;
        let value = value(front, range, Context::Attribute, buf)?;
        kept.push(Attribute {
            name: QualName::new(None, ns!(), local_name(&text[a.name.clone()], buf)),
            value,
        });
    }
    // A body kept as text (JSON-LD; the raw-text filter drops the others) is read as it is.
    let body_kept = name == local_name!("script") && is_json_ld(&kept);
    let token = Token::TagToken(Tag {
        kind: TagKind::StartTag,
        name,
        self_closing: tag.self_closing,
        attrs: kept,
        had_duplicate_attributes,
    });
    let Some(end_name) = raw_end else {
        return Some(Item::Plain(token, tag.end));
    };
    // Only a body whose end tag is whole in the buffer: once the start tag is handed on, the
    // tokenizer can no longer read the body (it would not know its end tag). A body kept as
    // text must need no decoding.
    let rest = &text[tag.end..];
    let end = body_end(rest, end_name, end_name == b"script")?;
    read_tag(rest.as_bytes(), end + 2, attrs)?;
    if body_kept && memchr::memchr2(0, b'\r', &rest.as_bytes()[..end]).is_some() {
        return None;
    }
    Some(Item::RawStart(token, tag.end, end_name))
}

/// A tag or attribute name as the tokenizer interns it: ASCII letters lower-cased.
fn local_name(raw: &str, buf: &mut String) -> LocalName {
    // The common names are spelled lower-case: one matched needs no case check.
    if let Some(atom) = common_name(raw.as_bytes()) {
        return atom;
    }
    if !raw.bytes().any(|b| b.is_ascii_uppercase()) {
        return LocalName::from(raw);
    }
    buf.clear();
    buf.push_str(raw);
    buf.make_ascii_lowercase();
    LocalName::from(&**buf)
}

/// The atoms of the names pages spell most often, found by a `match` on their bytes:
/// `LocalName::from` copies a short name into its atom, or hashes a long one to look it up in
/// the static set, for every tag and attribute. Each arm gives the atom `LocalName::from`
/// would (a test checks).
fn common_name(raw: &[u8]) -> Option<LocalName> {
    Some(match raw {
        b"a" => local_name!("a"),
        b"div" => local_name!("div"),
        b"li" => local_name!("li"),
        b"span" => local_name!("span"),
        b"p" => local_name!("p"),
        b"ul" => local_name!("ul"),
        b"meta" => local_name!("meta"),
        b"link" => local_name!("link"),
        b"path" => local_name!("path"),
        b"img" => local_name!("img"),
        b"svg" => local_name!("svg"),
        b"strong" => local_name!("strong"),
        b"h4" => local_name!("h4"),
        b"h3" => local_name!("h3"),
        b"option" => local_name!("option"),
        b"i" => local_name!("i"),
        b"use" => local_name!("use"),
        b"symbol" => local_name!("symbol"),
        b"h2" => local_name!("h2"),
        b"button" => local_name!("button"),
        b"section" => local_name!("section"),
        b"article" => local_name!("article"),
        b"td" => local_name!("td"),
        b"em" => local_name!("em"),
        b"label" => local_name!("label"),
        b"noscript" => local_name!("noscript"),
        b"input" => local_name!("input"),
        b"br" => local_name!("br"),
        b"h5" => local_name!("h5"),
        b"nav" => local_name!("nav"),
        b"g" => local_name!("g"),
        b"title" => local_name!("title"),
        b"header" => local_name!("header"),
        b"figure" => local_name!("figure"),
        b"aside" => local_name!("aside"),
        b"h1" => local_name!("h1"),
        b"source" => local_name!("source"),
        b"form" => local_name!("form"),
        b"footer" => local_name!("footer"),
        b"picture" => local_name!("picture"),
        b"time" => local_name!("time"),
        b"tr" => local_name!("tr"),
        b"body" => local_name!("body"),
        b"html" => local_name!("html"),
        b"head" => local_name!("head"),
        b"h6" => local_name!("h6"),
        b"b" => local_name!("b"),
        b"figcaption" => local_name!("figcaption"),
        b"iframe" => local_name!("iframe"),
        b"polygon" => local_name!("polygon"),
        b"circle" => local_name!("circle"),
        b"blockquote" => local_name!("blockquote"),
        b"th" => local_name!("th"),
        b"rect" => local_name!("rect"),
        b"small" => local_name!("small"),
        b"table" => local_name!("table"),
        b"tbody" => local_name!("tbody"),
        b"main" => local_name!("main"),
        b"script" => local_name!("script"),
        b"style" => local_name!("style"),
        b"template" => local_name!("template"),
        b"ol" => local_name!("ol"),
        b"hr" => local_name!("hr"),
        b"sup" => local_name!("sup"),
        b"pre" => local_name!("pre"),
        b"code" => local_name!("code"),
        b"class" => local_name!("class"),
        b"href" => local_name!("href"),
        b"id" => local_name!("id"),
        b"rel" => local_name!("rel"),
        b"content" => local_name!("content"),
        b"name" => local_name!("name"),
        b"target" => local_name!("target"),
        b"alt" => local_name!("alt"),
        b"src" => local_name!("src"),
        b"type" => local_name!("type"),
        b"role" => local_name!("role"),
        b"property" => local_name!("property"),
        b"width" => local_name!("width"),
        b"height" => local_name!("height"),
        b"d" => local_name!("d"),
        b"itemprop" => local_name!("itemprop"),
        b"value" => local_name!("value"),
        b"viewbox" => local_name!("viewbox"),
        b"sizes" => local_name!("sizes"),
        b"aria-hidden" => local_name!("aria-hidden"),
        b"aria-label" => local_name!("aria-label"),
        b"tabindex" => local_name!("tabindex"),
        b"media" => local_name!("media"),
        b"onclick" => local_name!("onclick"),
        b"srcset" => local_name!("srcset"),
        b"fill" => local_name!("fill"),
        b"xmlns" => local_name!("xmlns"),
        b"itemtype" => local_name!("itemtype"),
        b"itemscope" => local_name!("itemscope"),
        b"datetime" => local_name!("datetime"),
        b"lang" => local_name!("lang"),
        b"charset" => local_name!("charset"),
        b"colspan" => local_name!("colspan"),
        b"hidden" => local_name!("hidden"),
        b"http-equiv" => local_name!("http-equiv"),
        _ => return None,
    })
}

/// Whether `bytes` hold a byte the decoder rewrites (`&`, `\r`, NUL), read eight bytes at a
/// time: a word holds one when the word XORed with that byte repeated holds a zero byte.
fn has_decoded_byte(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGHS != 0;
    let has_any =
        |w: u64| has_zero(w) || has_zero(w ^ (ONES * u64::from(b'&'))) || has_zero(w ^ (ONES * 13));
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        if has_any(u64::from_ne_bytes(word.try_into().expect("eight bytes"))) {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| matches!(b, b'&' | b'\r' | 0))
}

/// Whether a tag holds NUL. Most tags are short, for which eight bytes at a time beat the SIMD
/// search's setup.
fn has_nul(bytes: &[u8]) -> bool {
    if bytes.len() >= 32 {
        return memchr::memchr(0, bytes).is_some();
    }
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_ne_bytes(word.try_into().expect("eight bytes"));
        if w.wrapping_sub(ONES) & !w & HIGHS != 0 {
            return true;
        }
    }
    words.remainder().contains(&0)
}

/// The most bytes a tendril holds inline (tendril's `MAX_INLINE_LEN`): its `subtendril` of
/// this many bytes or fewer copies them too.
const INLINE_TENDRIL_BYTES: usize = 8;

/// The bytes `range` of `front`, decoded: a shared slice of the buffer when there is nothing
/// to decode, as the tokenizer gives its text runs.
fn value(
    front: &StrTendril,
    range: std::ops::Range<usize>,
    context: Context,
    buf: &mut String,
) -> Option<StrTendril> {
    let raw = &front[range.clone()];
    // Most values are short, for which eight bytes at a time beat the SIMD search's setup.
    let plain = if raw.len() < 32 {
        !has_decoded_byte(raw.as_bytes())
    } else {
        memchr::memchr3(b'&', b'\r', 0, raw.as_bytes()).is_none()
    };
    if plain {
        // A tendril holds up to 8 bytes inline: copying them costs less than sharing the
        // buffer (bounds and character-boundary checks, a reference count to raise and later
        // drop), and gives the same tendril.
        if raw.len() <= INLINE_TENDRIL_BYTES {
            return Some(StrTendril::from_slice(raw));
        }
        return Some(front.subtendril(range.start as u32, raw.len() as u32));
    }
    buf.clear();
    decode(raw, context, buf)?;
    Some(StrTendril::from_slice(buf))
}

impl<S: PlainSink> TokenSink for ReadAhead<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<S::Handle> {
        let markup = matches!(
            token,
            Token::TagToken(_) | Token::CommentToken(_) | Token::DoctypeToken(_)
        );
        let result = self.inner.process_token(token, line_number);
        // After these tokens and answers the tokenizer is in its data state (the others switch
        // it to raw or plain text), where the filter reads on. Its run ends in "go on", so the
        // answer to this token stands.
        if markup && keeps_data_state(&result) {
            let more = self.tokenize_plain(line_number);
            if !matches!(more, TokenSinkResult::Continue) {
                return more;
            }
            self.lean_next();
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
    use super::*;

    /// The word-wise NUL test says what a byte-wise one says, with NUL and the bytes next to
    /// it in value at every position of every length, on both sides of the SIMD search's limit.
    #[test]
    fn nul_is_found_word_by_word() {
        for len in 0..48 {
            for at in 0..=len {
                for probe in [0u8, 1, 0x80, 0xff, b'<'] {
                    for fill in [b'a', 0x01, 0x7f, 0x80, 0xff] {
                        let mut bytes = vec![fill; len];
                        if at < len {
                            bytes[at] = probe;
                        }
                        assert_eq!(has_nul(&bytes), bytes.contains(&0), "{bytes:?}");
                    }
                }
            }
        }
    }

    /// The word-wise test says what a byte-wise one says: each of the bytes, and bytes next
    /// to them in value (which the zero-byte test must not confuse), at every position of
    /// every length up to past the plain loop's limit.
    #[test]
    fn decoded_bytes_are_found_word_by_word() {
        let plain = |bytes: &[u8]| bytes.iter().any(|&b| matches!(b, b'&' | b'\r' | 0));
        for len in 0..40 {
            for at in 0..=len {
                for probe in [
                    0u8, 1, b'&', b'%', b'\'', b'\r', 12, 14, 0x80, 0xa6, 0xff, b'a',
                ] {
                    for fill in [b'a', 0x01, 0x7f, 0x80, 0xff, b'&' ^ 1] {
                        let mut bytes = vec![fill; len];
                        if at < len {
                            bytes[at] = probe;
                        }
                        assert_eq!(has_decoded_byte(&bytes), plain(&bytes), "{bytes:?}");
                    }
                }
            }
        }
    }

    /// The common names' atoms are the ones interning gives, and other names (cut from the
    /// common ones and their neighbours) are left to interning.
    #[test]
    fn common_names_are_the_interned_atoms() {
        let names = [
            "a",
            "div",
            "li",
            "span",
            "p",
            "ul",
            "meta",
            "link",
            "path",
            "img",
            "svg",
            "strong",
            "h4",
            "h3",
            "option",
            "i",
            "use",
            "symbol",
            "h2",
            "button",
            "section",
            "article",
            "td",
            "em",
            "label",
            "noscript",
            "input",
            "br",
            "h5",
            "nav",
            "g",
            "title",
            "header",
            "figure",
            "aside",
            "h1",
            "source",
            "form",
            "footer",
            "picture",
            "time",
            "tr",
            "body",
            "html",
            "head",
            "h6",
            "b",
            "figcaption",
            "iframe",
            "polygon",
            "circle",
            "blockquote",
            "th",
            "rect",
            "small",
            "table",
            "tbody",
            "main",
            "script",
            "style",
            "template",
            "ol",
            "hr",
            "sup",
            "pre",
            "code",
            "class",
            "href",
            "id",
            "rel",
            "content",
            "name",
            "target",
            "alt",
            "src",
            "type",
            "role",
            "property",
            "width",
            "height",
            "d",
            "itemprop",
            "value",
            "viewbox",
            "sizes",
            "aria-hidden",
            "aria-label",
            "tabindex",
            "media",
            "onclick",
            "srcset",
            "fill",
            "xmlns",
            "itemtype",
            "itemscope",
            "datetime",
            "lang",
            "charset",
            "colspan",
            "hidden",
            "http-equiv",
        ];
        let mut buf = String::new();
        for name in names {
            assert_eq!(
                common_name(name.as_bytes()),
                Some(LocalName::from(name)),
                "{name}"
            );
            for cut in 0..name.len() {
                let (head, tail) = (&name[..cut], &name[cut..]);
                for other in [head, tail, &format!("{name}x"), &format!("x{name}")] {
                    let expected = LocalName::from(other);
                    if let Some(atom) = common_name(other.as_bytes()) {
                        assert_eq!(atom, expected, "{other}");
                        assert!(names.contains(&other), "{other}");
                    }
                    assert_eq!(local_name(other, &mut buf), expected, "{other}");
                    let upper = other.to_ascii_uppercase();
                    assert_eq!(local_name(&upper, &mut buf), expected, "{upper}");
                }
            }
        }
    }

    /// Short values copied inline are the tendrils `subtendril` gives: around the inline
    /// limit, in ASCII and multi-byte text, at the buffer's start, middle and end.
    #[test]
    fn short_values_copied_inline_equal_the_shared_slices() {
        let pieces = ["a", "é", "日本", " ", "\n", "xyz", "€uro", "0123456789"];
        let mut buf = String::new();
        for i in 0..pieces.len() {
            for j in 0..pieces.len() {
                for k in 0..pieces.len() {
                    let text = format!("{}{}{}", pieces[i], pieces[j], pieces[k]);
                    let front = StrTendril::from_slice(&text);
                    let boundaries: Vec<usize> = (0..=text.len())
                        .filter(|&b| text.is_char_boundary(b))
                        .collect();
                    for &start in &boundaries {
                        for &end in boundaries.iter().filter(|&&e| e >= start) {
                            let ours = value(&front, start..end, Context::Text, &mut buf).unwrap();
                            let shared = front.subtendril(start as u32, (end - start) as u32);
                            assert_eq!(&*ours, &*shared);
                            assert_eq!(ours.len32(), shared.len32());
                        }
                    }
                }
            }
        }
    }
}
