//! A lenient JSON reader for JSON-LD blocks as pages write them: raw control characters and
//! newlines inside strings, trailing commas, `//` and `<!-- -->` wrappers, several values in a
//! row, and values cut off or broken in the middle. Whatever parsed before a syntax error is
//! kept (open arrays and objects are closed there), as a page's JSON-LD is evidence, not a
//! contract.
//!
//! Iterative (an explicit stack), so nesting depth costs no call stack; containers nested
//! deeper than [`MAX_DEPTH`] are skipped whole, and at most [`MAX_BYTES`] of a block are read.

/// Deeper containers carry no metadata worth their cost.
const MAX_DEPTH: usize = 64;

/// A JSON-LD block larger than this is read only this far (its head holds the page's facts).
pub(crate) const MAX_BYTES: usize = 1 << 20;

/// A JSON value; numbers are kept as their text, as no metadata is numeric.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The value of `key` in an object.
    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// A container being filled, with the key its next value goes to (objects).
enum Open {
    Array(Vec<Value>),
    Object(Vec<(String, Value)>, Option<String>),
}

impl Open {
    fn close(self) -> Value {
        match self {
            Open::Array(items) => Value::Array(items),
            Open::Object(fields, _) => Value::Object(fields),
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    /// Skips white space, commas and colons (their places are implied by the structure, and a
    /// missing or doubled one is a common error), and comments.
    fn skip_filler(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b';' => self.at += 1,
                b'/' if self.bytes.get(self.at + 1) == Some(&b'/') => {
                    while self.bytes.get(self.at).is_some_and(|&c| c != b'\n') {
                        self.at += 1;
                    }
                }
                b'/' if self.bytes.get(self.at + 1) == Some(&b'*') => {
                    self.at = self.text[self.at + 2..]
                        .find("*/")
                        .map_or(self.bytes.len(), |p| self.at + 2 + p + 2);
                }
                b'<' if self.text[self.at..].starts_with("<!--") => self.at += 4,
                b'<' if self.text[self.at..].starts_with("<![CDATA[") => self.at += 9,
                b']' if self.text[self.at..].starts_with("]]>") => self.at += 3,
                b'-' if self.text[self.at..].starts_with("-->") => self.at += 3,
                _ => return,
            }
        }
    }

    /// A string starting at the opening quote; `None` when it is not closed.
    fn string(&mut self) -> Option<String> {
        let mut out = String::new();
        let mut run = self.at + 1;
        let mut i = run;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b'"' => {
                    out.push_str(&self.text[run..i]);
                    self.at = i + 1;
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.text[run..i]);
                    let (decoded, len) = escape(&self.text[i + 1..]);
                    out.extend(decoded);
                    i += 1 + len;
                    run = i;
                }
                _ => i += 1,
            }
        }
        None
    }

    /// A number, `true`, `false`, `null` or a bare word: the run of characters up to the next
    /// delimiter.
    fn scalar(&mut self) -> Value {
        let start = self.at;
        while self.bytes.get(self.at).is_some_and(|&b| {
            !matches!(
                b,
                b',' | b':' | b']' | b'}' | b'[' | b'{' | b'"' | b' ' | b'\t' | b'\n' | b'\r'
            )
        }) {
            self.at += 1;
        }
        // Step over a stray character so that reading always advances.
        if self.at == start {
            self.at += 1;
            return Value::Null;
        }
        match &self.text[start..self.at] {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            n => Value::Number(n.to_string()),
        }
    }
}

/// The character(s) of an escape after its backslash, and how many bytes it took. A `\u`
/// surrogate pair is joined; a lone surrogate or bad hex becomes U+FFFD.
fn escape(rest: &str) -> (Option<char>, usize) {
    let Some(c) = rest.chars().next() else {
        return (None, 0);
    };
    let simple = match c {
        'n' | 'r' | 't' => Some(' '),
        'b' | 'f' => Some(' '),
        'u' => None,
        other => Some(other),
    };
    if let Some(s) = simple {
        return (Some(s), c.len_utf8());
    }
    let hex = |s: &str| {
        s.get(..4)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let Some(high) = hex(&rest[1..]) else {
        return (Some('\u{FFFD}'), 1);
    };
    if (0xD800..0xDC00).contains(&high) {
        let low = rest[5..].strip_prefix("\\u").and_then(hex);
        if let Some(low) = low.filter(|l| (0xDC00..0xE000).contains(l)) {
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            return (char::from_u32(c), 11);
        }
    }
    (Some(char::from_u32(high).unwrap_or('\u{FFFD}')), 5)
}

/// Every top-level value of `text` (a JSON-LD block may hold several, or one array).
pub(crate) fn parse(text: &str) -> Vec<Value> {
    let mut end = text.len().min(MAX_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    let mut r = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
    };
    let mut roots = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // Containers past MAX_DEPTH are skipped by counting brackets.
    let mut skipped_depth = 0usize;
    loop {
        r.skip_filler();
        let Some(&b) = r.bytes.get(r.at) else {
            break;
        };
        if skipped_depth > 0 {
            match b {
                b'[' | b'{' => skipped_depth += 1,
                b']' | b'}' => skipped_depth -= 1,
                b'"' => {
                    if r.string().is_none() {
                        break;
                    }
                    continue;
                }
                _ => {}
            }
            r.at += 1;
            if skipped_depth == 0 {
                place(&mut stack, &mut roots, Value::Null);
            }
            continue;
        }
        let value = match b {
            b'[' | b'{' if stack.len() >= MAX_DEPTH => {
                skipped_depth = 1;
                r.at += 1;
                continue;
            }
            b'[' => {
                r.at += 1;
                stack.push(Open::Array(Vec::new()));
                continue;
            }
            b'{' => {
                r.at += 1;
                stack.push(Open::Object(Vec::new(), None));
                continue;
            }
            b']' | b'}' => {
                r.at += 1;
                match stack.pop() {
                    Some(open) => open.close(),
                    // A stray closer at the top level.
                    None => continue,
                }
            }
            b'"' => match r.string() {
                Some(s) => {
                    // An object's key: the string before its colon.
                    if let Some(Open::Object(_, key @ None)) = stack.last_mut() {
                        *key = Some(s);
                        continue;
                    }
                    Value::String(s)
                }
                None => break,
            },
            _ => r.scalar(),
        };
        place(&mut stack, &mut roots, value);
    }
    // Whatever is still open closes here: the values parsed so far are kept.
    while let Some(open) = stack.pop() {
        let value = open.close();
        place(&mut stack, &mut roots, value);
    }
    roots
}

/// Puts a finished value into the container being filled, or among the roots.
fn place(stack: &mut [Open], roots: &mut Vec<Value>, value: Value) {
    match stack.last_mut() {
        Some(Open::Array(items)) => items.push(value),
        Some(Open::Object(fields, key)) => {
            // A value without a key (a broken object) is dropped.
            if let Some(k) = key.take() {
                fields.push((k, value));
            }
        }
        None => roots.push(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.to_string())
    }

    #[test]
    fn reads_plain_json() {
        let v = parse(r#"{"a": [1, "x\"y", true, null], "b": {"c": "\u00e9\ud83d\ude00"}}"#);
        assert_eq!(v.len(), 1);
        let a = v[0].get("a").unwrap();
        assert_eq!(
            a,
            &Value::Array(vec![
                Value::Number("1".into()),
                s("x\"y"),
                Value::Bool(true),
                Value::Null
            ])
        );
        assert_eq!(v[0].get("b").unwrap().get("c"), Some(&s("é😀")));
    }

    #[test]
    fn tolerates_what_pages_write() {
        let v = parse("<![CDATA[{\"a\": [\"b\"]}]]>");
        assert_eq!(v[0].get("a"), Some(&Value::Array(vec![s("b")])));
        let v = parse("<!--\n{\"name\": \"line\nbreak\",\t\"list\": [\"a\",],}\n// end\n-->");
        assert_eq!(v[0].get("name"), Some(&s("line\nbreak")));
        assert_eq!(v[0].get("list"), Some(&Value::Array(vec![s("a")])));
        // Two values in a row, and a missing comma.
        let v = parse(r#"{"a": "1"} {"b": "2" "c": "3"}"#);
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].get("c"), Some(&s("3")));
    }

    #[test]
    fn keeps_what_came_before_an_error() {
        let v = parse(r#"{"headline": "Kept", "author": {"name": "Also kept", "x": "#);
        assert_eq!(v[0].get("headline"), Some(&s("Kept")));
        assert_eq!(
            v[0].get("author").unwrap().get("name"),
            Some(&s("Also kept"))
        );
        assert!(parse("").is_empty());
        assert_eq!(parse("]]}}"), Vec::<Value>::new());
        // Bad escapes do not stop the reading.
        assert_eq!(
            parse(r#"["\uZZZZ", "\ud800x"]"#)[0],
            Value::Array(vec![s("\u{FFFD}ZZZZ"), s("\u{FFFD}x")])
        );
    }

    #[test]
    fn deep_nesting_is_skipped_not_recursed() {
        let deep = format!(
            "{{\"a\": {}1{}, \"b\": \"kept\"}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let v = parse(&deep);
        assert_eq!(v[0].get("b"), Some(&s("kept")));
    }
}
