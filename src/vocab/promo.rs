//! Related-article sections, newsletter boxes and calls to action (PATTERNS.md section 5), and
//! sponsored labels and PR pitches (section 4).

use super::patterns::{PatternDef, Scope};
use crate::extraction::Category::{Promo, Sponsored};

/// Section headers that open a rail of teasers ("You May Also Like"), matched on a whole short
/// block, in each language.
pub(crate) const SECTION_HEADER: &str = concat!(
    r"(?i)^[\s>»›▶■•*#|-]*(?:",
    // English
    r"you may (?:also )?like|you might (?:also )?like|you may also be interested in|",
    r"related(?: articles?| posts?| stories| news| reading| content| coverage| topics| links| videos?)?|",
    r"recommended(?: for you| stories| articles| reading| videos?)?|suggested (?:articles|reading|posts|stories)|",
    r"more (?:in|from|on|about) .{1,40}|more (?:stories|articles|news|headlines|to read|like this)|",
    r"up next|what to read next|read next|most (?:popular|read|viewed|shared)|trending(?: now| stories| news)?|",
    r"(?:also|further) read(?:ing)?|read (?:also|more)|see also|don[’']t miss|popular (?:posts|stories|articles)|",
    r"latest (?:news|stories|articles|posts)|top stories|editor[’']s picks|around the web|from our partners|",
    r"other (?:stories|articles|news)|in case you missed it|see more|related roundup|also on .{1,30}|",
    // German
    r"auch interessant|das könnte sie (?:auch )?interessieren|mehr (?:themen|zum thema|aus .{1,30})|",
    r"lesen sie auch|weitere (?:artikel|beiträge|themen|nachrichten)|ähnliche (?:artikel|beiträge)|meistgelesen|",
    // French
    r"à lire aussi|a lire aussi|lire aussi|sur le même sujet|vous aimerez (?:aussi|également)|articles? similaires|",
    r"les plus lus|à découvrir|dans la même rubrique|",
    // Spanish
    r"te puede interesar|también te puede interesar|lee también|noticias relacionadas|artículos relacionados|",
    r"lo más leído|más noticias|quizás te interese|",
    // Portuguese
    r"leia também|veja também|você também pode gostar|notícias relacionadas|artigos relacionados|mais lidas|",
    r"leia mais|saiba mais|",
    // Italian, Dutch and Russian: rail headings only ("read also" on its own line mid-story
    // heads one embedded teaser as often as a rail; with a title after it, it is an inline
    // related link, below).
    r"articoli correlati|notizie correlate|(?:i )?più letti|altre notizie|",
    r"gerelateerde artikelen|meest gelezen|",
    r"другие новости|похожие (?:статьи|новости|материалы)|самое читаемое",
    r")\s*[:：.!…»›>|-]*\s*$"
);

/// Headings that announce the next article of a series ("Coming next: …"): the section under
/// them is a teaser for another post, not this story.
pub(crate) const SERIES_TEASER: &str = concat!(
    r"(?i)^[\s*_#]*(?:coming (?:next|up|soon)|up next|next (?:time|week|up|in (?:this|the) series)|",
    r"in (?:the|our) next (?:article|post|part|episode|installment)|",
    r"demnächst|als nächstes|im nächsten (?:teil|beitrag|artikel)|",
    r"prochainement|à suivre|dans le prochain (?:article|épisode)|",
    r"próximamente|a continuación|en el próximo (?:artículo|capítulo)|",
    r"em breve|no próximo (?:artigo|post|capítulo)|a seguir)\b"
);

/// A one-sentence lead-in announcing the author's own offer to the reader ("I'm happy to say
/// that I'm building that team for you right now."). Alone it is the author speaking and stays;
/// right before or after a removed call to action it is the call's first line (see
/// `rules::promo`). Each alternative needs the reader addressed, so "I'm happy to say the bridge
/// reopened" never matches.
pub(crate) const CTA_LEAD_IN: &str = concat!(
    r"(?i)(?:",
    // English: an announcement, then an offer made for the reader.
    r"\b(?:i[’']?m|i am|we[’']?re|we are)\s+(?:(?:very|so|really|super|thrilled and)\s+)?",
    r"(?:happy|excited|thrilled|proud|pleased|delighted|glad)\s+to\s+(?:say|announce|share|tell you|let you know)\b",
    r".{0,120}?\b(?:for you|with you|you can|you[’']ll|you will|your)\b",
    r"|\b(?:i[’']?m|i am|we[’']?re|we are)\s+(?:now\s+)?(?:building|launching|opening|creating|starting|putting together)\b",
    r".{0,80}?\bfor you\b",
    // German
    r"|\b(?:ich freue mich|wir freuen uns),?\s+(?:ihnen|euch|dir)\b.{0,60}?\b(?:ank(?:ü|ue)ndigen|mitteilen|vorstellen|sagen)\b",
    // French
    r"|\b(?:je suis|nous sommes)\s+(?:(?:très|ravie?s?|si)\s+)?(?:heureux|heureuse|heureuses|ravie?s?|fiers?|fières?)\s+de\s+vous\s+(?:annoncer|présenter|dire)\b",
    // Spanish
    r"|\b(?:estoy|estamos)\s+(?:muy\s+)?(?:feliz|felices|content[oa]s?|encantad[oa]s?|orgullos[oa]s?)\s+de\s+(?:anunciar|presentar|contar)(?:te|les|le)\b",
    r"|\b(?:me|nos)\s+complace\s+(?:anunciar|presentar)(?:te|les|le)\b",
    // Portuguese
    r"|\b(?:estou|estamos)\s+(?:muito\s+)?(?:feliz|felizes|content[ea]s?|orgulhos[oa]s?)\s+em\s+(?:anunciar|apresentar|contar)\s+(?:a\s+)?(?:você|vocês|voces|te)\b",
    r"|\b(?:tenho|temos)\s+o\s+prazer\s+de\s+(?:anunciar|apresentar)\s+(?:a\s+)?(?:você|vocês|voces)\b",
    r")"
);

/// Inline related links inserted between story paragraphs: "Related: {title}".
pub(crate) const INLINE_RELATED: &str = concat!(
    r"(?i)^[\s>»›*]*(?:related|read also|also read|read more|see also|recommended|more|up next|",
    r"lesen sie auch|auch interessant|mehr zum thema|lire aussi|à lire aussi|a lire aussi|lee también|",
    r"te puede interesar|leia também|veja também|leia mais|in case you missed it|see more|related roundup|don['’]t miss|",
    r"leggi anche|vedi anche|lees ook|bekijk ook|читайте также|смотрите также|по теме|",
    r"(?:take|have) a look if you haven['’]t (?:read|seen) it yet)",
    r"\s*(?:[:：>»›|–—-]|>>)\s*\S.{2,200}$",
    // No label: a teaser title behind arrows ("» Title", ">> Title…"), with no sentence end.
    r"|^\s*(?:>>|»|→)\s*[^.!?\s][^.!?]{2,200}(?:…|\.\.\.)?\s*$"
);

macro_rules! phrase {
    ($rule:expr, $cat:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: $cat,
            lang: $lang,
            scope: Scope::Phrase,
            regex: $re,
        }
    };
}

macro_rules! whole {
    ($rule:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: Promo,
            lang: $lang,
            scope: Scope::Whole,
            regex: $re,
        }
    };
}

macro_rules! glued_sponsored {
    ($rule:expr, $lang:expr, $re:expr) => {
        PatternDef {
            rule: $rule,
            category: Sponsored,
            lang: $lang,
            scope: Scope::Glued,
            regex: concat!("(?P<spam>", $re, ")", BOUNDARY!()),
        }
    };
}

/// Calls to action, newsletter boxes and sponsored labels: the block goes when these phrases
/// cover enough of it (a CTA sentence in a long paragraph does not take the paragraph).
pub(crate) const PATTERNS: &[PatternDef] = &[
    // Newsletter and subscription boxes.
    phrase!(
        "newsletter-cta",
        Promo,
        "en",
        r"(?i)(?:you can (?:also )?)?(?:sign up|subscribe|register|join)(?: now)?(?: for| to)? (?:our|the|my|this)? ?(?:free |weekly |daily )?(?:[\w-]+ ){0,3}newsletters?(?: here)?"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "en",
        r"(?i)(?:get|receive|have) (?:the (?:latest|best)|our top|breaking) .{0,60}?(?:in|to|delivered to) your inbox"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "en",
        r"(?i)enter your e-?mail(?: address)?|your e-?mail address(?: here)?|by (?:signing up|subscribing), you agree|thank you for (?:signing up|subscribing)|you (?:can|may) unsubscribe at any time"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "en",
        r"(?i)(?:subscribe|sign up) (?:now|today|here)\b|already a subscriber|subscribe for (?:full|unlimited) access|become a (?:member|subscriber)|support (?:our|independent) journalism"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "de",
        r"(?i)newsletter (?:abonnieren|bestellen)|jetzt (?:kostenlos )?(?:abonnieren|anmelden|registrieren)|melden sie sich (?:jetzt )?für (?:unseren|den) newsletter an"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "fr",
        r"(?i)(?:abonnez-vous (?:à (?:notre|la) (?:newsletter|lettre d'information))?|inscrivez-vous (?:à (?:notre|la) newsletter))(?: pour recevoir[^.!?]{0,80})?|recevez (?:notre|la) newsletter"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "es",
        r"(?i)suscr[íi]bete(?: a (?:nuestro|nuestra) (?:bolet[íi]n|newsletter))?|recibe (?:nuestro|las|nuestras) (?:bolet[íi]n|noticias)[^.!?]{0,40}? en tu (?:correo|email|bandeja)"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "pt",
        r"(?i)assine (?:a )?nossa newsletter|inscreva-se(?: (?:na|em) nossa newsletter)?|receba (?:as |nossas )?not[íi]cias[^.!?]{0,40}? no seu (?:e-?mail|celular)"
    ),
    phrase!(
        "newsletter-cta",
        Promo,
        "en",
        r"(?i)get (?:our|the) (?:free )?(?:daily |weekly |monthly )?(?:roundup|round-up|digest|briefing|newsletter)\b[^.!?]{0,80}"
    ),
    // Audio briefings and podcast feeds offered on smart speakers.
    phrase!(
        "newsletter-cta",
        Promo,
        "en",
        r"(?i)have an (?:amazon )?(?:alexa|echo|google home|google assistant|smart speaker)(?: device)?\?|(?:now )?you can (?:also )?(?:hear|listen to) .{1,60}? (?:each|every) (?:morning|day|week)|just (?:search for|say|ask for) .{1,60}?(?:flash briefing|alexa|google assistant|siri)[^.]{0,40}\.?"
    ),
    // "If you'd like to find out more about {our programme}, download / join …": a pitch for
    // the author's own product at the end of a post.
    phrase!(
        "partner-cta",
        Promo,
        "en",
        r"(?i)if you[’']?d like to (?:find out|learn|hear) more about .{1,160}?(?:download|sign up|join|register|subscribe|book|get (?:your|the))\b[^.]{0,160}\.?"
    ),
    // Social follow.
    phrase!(
        "social-cta",
        Promo,
        "en",
        r"(?i)(?:feel free to )?follow (?:us|[\w .&'-]{1,40}) on (?:twitter|x|facebook|instagram|linkedin|telegram|youtube|tiktok|threads|google news|bluesky|mastodon)(?:,? (?:twitter|x|facebook|instagram|linkedin|telegram|youtube|tiktok|and|or|\s)+)*"
    ),
    phrase!(
        "social-cta",
        Promo,
        "en",
        r"(?i)(?:don[’']t forget to |and )?join (?:our|us on|the) (?:[\w+.-]+ ){0,3}(?:subreddit|telegram|discord|community|whatsapp|facebook group|slack)(?: (?:channel|group|server))?"
    ),
    phrase!(
        "social-cta",
        Promo,
        "en",
        r"(?i)wait! are you on telegram\?|now you can join us on telegram as well|be sure to (?:visit|like|follow) .{1,60}? on (?:facebook|twitter|instagram)"
    ),
    phrase!(
        "social-cta",
        Promo,
        "en",
        r"(?i)(?:like|follow) us on (?:facebook|twitter|instagram)|connect with us(?: on .{1,40})?|stay (?:connected|in touch) with us"
    ),
    phrase!(
        "social-cta",
        Promo,
        "de",
        r"(?i)folgen sie uns (?:auf|bei) (?:twitter|x|facebook|instagram|linkedin|telegram)"
    ),
    phrase!(
        "social-cta",
        Promo,
        "fr",
        r"(?i)suivez-nous sur (?:twitter|x|facebook|instagram|linkedin|telegram)"
    ),
    phrase!(
        "social-cta",
        Promo,
        "es",
        r"(?i)s[íi]guenos en (?:twitter|x|facebook|instagram|linkedin|telegram)"
    ),
    phrase!(
        "social-cta",
        Promo,
        "pt",
        r"(?i)siga-nos n[oa] (?:twitter|x|facebook|instagram|linkedin|telegram)"
    ),
    // Ad sales and "check out our" CTAs.
    phrase!(
        "partner-cta",
        Promo,
        "en",
        r"(?i)need to partner with us[^?]{0,200}\??(?:\s*connect with us)?|partner with us for promoting|promote your (?:github repo|product|brand) with us|advertise with us|partner with us (?:today|now|here)\.?|(?:want to )?get your [^?]{1,80}? in front of [\d.,]+\s?[kKmM]?\+? (?:monthly |weekly )?(?:readers|developers|subscribers|visitors)\??"
    ),
    phrase!(
        "partner-cta",
        Promo,
        "en",
        r"(?i)read the paper and visit the project page\.?|check out (?:the|our) (?:paper|model card|github|technical details|project page|hugging face)[^.]{0,200}\.?(?:\s*all credit for this research goes to the researchers of this project\.?)?"
    ),
    // A members-only notice and its unlock date: the feed item is a pointer to a paywall.
    whole!(
        "paywall-notice",
        "en",
        r"(?i)this (?:story|article|post) is (?:currently )?(?:only )?available to (?:\w+ )?members(?: only)? at the following link:?|the (?:story|article|post) will be unlocked and available to all (?:of our )?readers after \d+ days\.?"
    ),
    whole!(
        "partner-cta",
        "en",
        r"(?i)(?:see it|buy it|get it|shop it|check it out)(?: now)?\s*(?:at|on|from|:)\s*.{1,40}"
    ),
    phrase!(
        "partner-cta",
        Promo,
        "en",
        r"(?i)\[?start your next project on github today\]?|see it now:? (?:at )?amazon|buy (?:it )?now (?:at|on) amazon"
    ),
    phrase!(
        "partner-cta",
        Promo,
        "pt",
        r"(?i)quer aprender .{1,60}\? conheça (?:o )?nosso curso"
    ),
    // Sponsored labels and PR pitches.
    phrase!(
        "sponsored-label",
        Sponsored,
        "en",
        r"(?i)\(?sponsored(?: post| content| article| story)?\)?\s*$|^\s*\(?sponsored(?: post| content)?\)?"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "en",
        r"(?i)this (?:sponsored )?(?:deal|post|article|content|episode|podcast|newsletter)(?: is| was)? (?:brought to you|sponsored|presented|paid for) by"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "en",
        r"(?i)(?:this|the) (?:week[’']s |episode of )?.{0,50}? is sponsored by [\w .&'-]{2,60}"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "en",
        r"(?i)(?:has been|was|is being) compensated by|#collectivebias|#ad\b|#sponsored"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "en",
        r"(?i)sponsored content is paid for by|sponsored contents? (?:planned|produced) and edited by|this is a (?:submitted )?sponsored (?:story|post|article)|paid (?:post|partnership|content)"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "de",
        r"(?i)werbung\s*[–—-]\s*sponsored post|gesponserte?r? (?:beitrag|inhalt|artikel)|in kooperation mit|anzeige\s*[:|]"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "fr",
        r"(?i)contenu (?:sponsorisé|partenaire)|article sponsorisé|publi-rédactionnel"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "es",
        r"(?i)contenido (?:patrocinado|pagado)|art[íi]culo patrocinado|publirreportaje"
    ),
    phrase!(
        "sponsored-label",
        Sponsored,
        "pt",
        r"(?i)conteúdo (?:patrocinado|pago)|publieditorial|publicidade\s*[:|]"
    ),
    glued_sponsored!(
        "pr-pitch",
        "en",
        r"(?i:powered by)\s[\w .&'’-]{2,60}?,\s*this (?i:analysis|article|report|content|piece|update) reflects .{0,250}?\."
    ),
];
