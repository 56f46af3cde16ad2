//! Page chrome (PATTERNS.md sections 6 and 7): share and follow lines, bare source and
//! timestamp lines, "Read More", truncation markers, ad labels, image credits, comment forms,
//! pipeline residue; and the date and byline lines lifted into metadata.

use super::patterns::{PatternDef, Scope};
use crate::extraction::Category::Chrome;

macro_rules! whole {
    ($rule:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: Chrome,
            lang: $lang,
            scope: Scope::Whole,
            regex: $re,
        }
    };
}

macro_rules! phrase {
    ($rule:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: Chrome,
            lang: $lang,
            scope: Scope::Phrase,
            regex: $re,
        }
    };
}

macro_rules! glued {
    ($rule:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: Chrome,
            lang: $lang,
            scope: Scope::GluedAnywhere,
            regex: $re,
        }
    };
}

/// The [`SHARE_WORDS`] that make a line of them a share line: it names one.
pub(crate) const SHARE_COUNTED: &[&str] = &[
    "share",
    "shares",
    "sharing",
    "tweet",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "email",
    "print",
    "teilen",
    "partager",
    "compartir",
    "compartilhar",
    "condividi",
    "delen",
    "поделиться",
    "telegram",
    "sharetweet",
    "whatsappemail",
    "shareshare",
    "tweetshare",
    "copy",
];

/// Words that make up share bars and social link rows ("Share Tweet Email", "teilen twittern
/// merken"). A short block made only of these words is a share line.
pub(crate) const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "shared",
    "sharing",
    "this",
    "article",
    "story",
    "post",
    "page",
    "on",
    "tweet",
    "twitter",
    "x",
    "facebook",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "telegram",
    "email",
    "e-mail",
    "mail",
    "print",
    "copy",
    "link",
    "copied",
    "save",
    "saved",
    "flipboard",
    "pocket",
    "messenger",
    "sms",
    "threads",
    "bluesky",
    "mastodon",
    "via",
    "or",
    "and",
    "the",
    "with",
    "your",
    "friends",
    "comment",
    "comments",
    "bookmark",
    "follow",
    "us",
    "like",
    "subscribe",
    "teilen",
    "twittern",
    "merken",
    "drucken",
    "kommentare",
    "partager",
    "imprimer",
    "compartir",
    "imprimir",
    "compartilhar",
    "condividi",
    "delen",
    "поделиться",
    "вконтакте",
    "vk",
    "одноклассники",
    "caring",
    "is",
    "it",
    "url",
    "gift",
    "listen",
    "min",
    "read",
    "reading",
    "time",
    "0",
    "font",
    "size",
    "a",
    "text",
    // Old pages' tool lines: "Printer friendly version | Email this story to a friend".
    "printer",
    "printer-friendly",
    "printable",
    "friendly",
    "version",
    "friend",
    "to",
    "sharetweet",
    "whatsappemail",
    "shareshare",
    "tweetshare",
];

pub(crate) const PATTERNS: &[PatternDef] = &[
    // Share lines in one phrase.
    whole!(
        "share-line",
        "en",
        r"(?i)(?:sharing is caring|like (?:it|this)\? share it|share (?:this|the) (?:article|story|post|page)(?: with (?:a friend|your friends))?|share your feedback|like this story\? share it with a friend|help (?:spread|get) the word(?: out)?|print\s*/\s*share)[.!:]*"
    ),
    whole!(
        "share-line",
        "en",
        r"(?i)\d+\s*(?:shares?|comments?|likes?|views?)"
    ),
    whole!(
        "share-line",
        "en",
        r"(?i)a favou?r: would you take a moment to share .{0,120}|help the word out\. recommend this article.{0,120}"
    ),
    // "Read More" and truncated-excerpt markers.
    whole!(
        "read-more",
        "en",
        r"(?i)(?:read (?:more|full (?:story|article)|the (?:rest|full story))|continue reading|weiterlesen|mehr lesen|lire la suite|leer más|leia mais|saiba mais|more|leggi (?:di più|tutto)|continua a leggere|lees (?:meer|verder)|verder lezen|читать (?:далее|полностью|дальше))\s*(?:\.\.\.|…|»|›|→|>>)?"
    ),
    glued!(
        "read-more",
        "en",
        r"(?P<spam>(?:Read More|READ MORE|Continue reading\.*|Weiterlesen|Lire la suite|Leer más|Leia mais))\s*$"
    ),
    // "…halvingRead MoreThe post …": the link glued between an excerpt and its feed footer.
    glued!(
        "read-more",
        "en",
        r"(?P<spam>(?:Read More|READ MORE|Continue reading\.*))(?:The|This) post\s"
    ),
    whole!(
        "truncation-marker",
        "en",
        r"(?:\[\s*(?:…|\.\.\.|&#8230;|&hellip;)\s*\]|…|\.\.\.|\(more\.\.\.\)|\[more\])"
    ),
    glued!(
        "truncation-marker",
        "en",
        r"(?P<spam>\[\s*(?:…|\.\.\.|&#8230;|&hellip;)\s*\])"
    ),
    // Aggregator source-and-timestamp lines: "Coinstats2025/12/07 18:00".
    whole!(
        "source-timestamp",
        "en",
        r"[\p{L}][\p{L}\p{N} .&'’-]{0,40}?\s?\d{4}[/.-]\d{1,2}[/.-]\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    ),
    whole!(
        "source-timestamp",
        "en",
        r"(?i)(?:source|via|quelle|fuente|fonte)\s*:\s*[\w .&'’/-]{2,60}"
    ),
    // Ad labels.
    whole!(
        "ad-label",
        "en",
        r"(?i)(?:advertisement|advertising|advert|ad|sponsored links?|story continues below(?: advertisement)?|article continues below(?: advertisement)?|scroll (?:down )?to continue(?: with content)?|anzeige|werbung|publicidad|publicité|publicidade|pub|pubblicità|advertentie|реклама)\s*:?"
    ),
    // Image credits and captions left in text.
    whole!(
        "image-credit",
        "en",
        r"(?i)\(?(?:main )?(?:image|photo|picture|foto|bild|illustration|graphic|video|featured image)s?(?: credit| courtesy| source| by)?\s*[:(]?\s*[\p{L}\p{N}@ .,&'’/|-]{1,60}\)?"
    ),
    // A caption that ends with its credit: "Protesters marched on Sunday (Image: AGENCY)".
    whole!(
        "image-credit",
        "en",
        r"(?i)[^()]{1,200}\((?:image|photo|picture|pic|foto|bild|credit|crédit|crédito)s?\s*:\s*[^()]{1,40}\)"
    ),
    // A Markdown image alone on its line: its alt text is not story.
    whole!("image-credit", "en", r"!\[[^\]]{0,300}\]\([^)\s]{1,2000}\)"),
    whole!(
        "image-credit",
        "en",
        r"(?i)\(?(?:credit|credits|crédit|crédito|quelle|source|fonte|fuente)\s*:\s*.{1,80}?\)?"
    ),
    whole!(
        "image-credit",
        "en",
        r"(?i)(?:getty images|shutterstock|istock|reuters|ap photo|afp|dpa|epa)(?:\s*/\s*[\w .-]{1,40})?"
    ),
    // Comment forms and login prompts.
    whole!(
        "comment-form",
        "en",
        r"(?i).{0,40}?(?:this site uses akismet to reduce spam|learn how your comment data is processed|your email address will not be published|required fields are marked|leave a (?:reply|comment)|post (?:a )?comment|save my name, email, and website|you must be logged in to post a comment|comments are closed|log in to comment|join the conversation|add a comment|show comments|view comments|\d+ ?comments?\b|comments?\s*(?:\(\d+\))?\s*$|no comments(?: yet)?|please enter your (?:comment|name|e-?mail)|kommentar schreiben|laisser un commentaire|deja un comentario|deixe um comentário).{0,120}"
    ),
    // Comment-form field labels: "Name *" (the star marks a required field), "Website".
    whole!(
        "comment-form",
        "en",
        r"(?i)(?:(?:name|e-?mail(?: address)?|comment|nom|nombre|nome|kommentar|commentaire|comentario|comentário)\s*\*|website|site web|sitio web|webseite)"
    ),
    // Copyright lines.
    whole!("copyright-line", "en", super::copyright::COPYRIGHT_LINE),
    // Share requests written into the prose.
    phrase!(
        "share-line",
        "en",
        r"(?i)(?:have you (?:tried|used) [^?]{1,80}\?\s*)?share your (?:feedback|thoughts)(?: (?:with us|in the comments|below))?!?|(?:would|if) you (?:can )?take a moment to share[^.]{0,100}\.?|share this (?:information|article|post|story|guide|piece|list|video|page),? please\??|please share (?:this|it)[^.]{0,60}\.?"
    ),
    // Pipeline residue.
    whole!("pipeline-residue", "en", r"[_=\-*~•·#]{3,}"),
    whole!(
        "pipeline-residue",
        "en",
        r"(?:&&&|Copy CodeCopiedUse a different Browser|Copy code|Copied!?|<!--excerpt_end-->|\{\{.{0,40}\}\}|undefined|null|NaN|Loading\.*|Toggle caption|toggle caption|Close|Menu|Search|Back to top|Skip to (?:main )?content)"
    ),
];

/// Metadata lines: a bare date (kept in metadata as the published date).
pub(crate) const DATE_LINE: &str = concat!(
    r"(?i)^(?:(?:published|updated|posted|last updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado|atualizado|опубликовано|обновлено|公開日|更新日|投稿日|配信日|掲載日|发布时间|发布日期|更新时间|发表于|작성일|입력|수정)(?: on| am| le| el| em)?\s*[:：]?\s*)?",
    // A time before the date: "Updated 11:42 GMT, 5 March 2026".
    // ...after a weekday: "Posted: Fri 6:45 PM, Feb 16, 2018".
    r"(?:(?:\w{3,9}\.?,?\s+)?\d{1,2}[:.h]\d{2}\s*(?:am|pm)?\s*(?:UTC|GMT|[A-Z]{3,4})?,?\s+)?",
    // A weekday, also hyphenated ("segunda-feira, 22 de janeiro de 2018").
    r"(?:[\w-]+,?\s)?",
    r"(?:",
    r"\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|",
    // Japanese, Chinese and Korean: "2026年3月5日（木） 10:30", "2026년 3월 5일".
    r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일](?:\s*[（(][^）)]{1,3}[）)])?(?:\s*\d{1,2}\s*[:：時시]\s*\d{2}\s*[分분]?)?|",
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro)[a-z]*\.?\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}|",
    r"\d{1,2}(?:st|nd|rd|th|\.)?\s(?:de\s)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)[a-zé]*\.?,?\s(?:de\s)?\d{4}(?:\s*г\.)?",
    r")",
    r"(?:,?\s*(?:at\s|um\s|à\s|a las\s|às\s)?\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*(?:[A-Z]{2,4}|UTC|GMT)(?:[+-]\d{1,2})?)?)?",
    // A second stamp or a note after a bar or slash: "… 8:21 am ET / Original Nov. 19, 2019".
    r"\s*(?:[|/].{0,60})?$"
);

/// Byline lines: "By Jane Doe", "Von Max Muster", "Por María Pérez" (short, name-like).
pub(crate) const BYLINE: &str = r"^(?i:by|von|par|por|from|published by|posted by|written by|words by|di|door|автор:?)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|da|van|von|der|del|la|le|and|und|et|y|e|&)){0,5}(?:\s*[,|•·–—-]\s*.{0,60})?$";
