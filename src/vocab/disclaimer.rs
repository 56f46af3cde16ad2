//! Disclaimers and disclosures (PATTERNS.md section 3), scored rather than matched: a block is
//! a disclaimer when it carries a label and disclaimer phrases, or several phrases. An author's
//! own caveat ("Disclaimer: this story is a warning about the future") has a label but no
//! phrases, and stays.

/// What a disclaimer phrase is evidence of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DisclaimerKind {
    /// An aggregator's repost notice.
    Repost,
    /// Not investment, legal or tax advice.
    Advice,
    /// Affiliate links, commissions, advertiser relationships.
    Affiliate,
}

/// The label that opens a disclaimer, in each language.
pub(crate) const LABEL: &str = r"(?i)^[\s*_]*(?:editorial |legal |important |affiliate |ftc |advertiser |financial |investment )?(?:disclaimer|disclosure|haftungsausschluss|hinweis|offenlegung|avertissement|clause de non-responsabilité|aviso legal|descargo de responsabilidad|aviso|isenção de responsabilidade|aviso legal)\s*[:：.-]";

use DisclaimerKind::{Advice, Affiliate, Repost};

/// Phrases, each counted once per block.
pub(crate) const PHRASES: &[(DisclaimerKind, &str)] = &[
    (
        Repost,
        r"(?i)reposted (?:on|from|to) (?:this|our) (?:site|platform|website)",
    ),
    (
        Repost,
        r"(?i)(?:sourced|gathered|collected|taken) from (?:public|publicly available|third[- ]party) (?:platforms|sources|websites)",
    ),
    (
        Repost,
        r"(?i)all rights (?:remain|belong) (?:with|to) the original (?:authors?|publishers?)",
    ),
    (
        Repost,
        r"(?i)infringes? (?:on|upon)? ?(?:any )?third[- ]party rights",
    ),
    (
        Repost,
        r"(?i)(?:contact|email) [\w.@ -]{2,60} for (?:its )?removal",
    ),
    (
        Repost,
        r"(?i)do(?:es)? not (?:necessarily )?(?:reflect|represent) the (?:views|opinions|position)",
    ),
    (
        Repost,
        r"(?i)makes? no (?:guarantees?|warrant(?:y|ies)|representations?) (?:regarding|as to|about|of)",
    ),
    (
        Repost,
        r"(?i)(?:is|are) not responsible for any (?:actions?|loss|losses|damages?)",
    ),
    (
        Advice,
        r"(?i)(?:provided |intended )?for (?:general )?informational (?:and educational )?purposes only|for general information only",
    ),
    (
        Advice,
        r"(?i)(?:not|never) (?:be )?(?:offered|intended|meant|considered|construed|used|taken)?\s?(?:to be used )?as (?:legal|tax|investment|financial|trading|professional)",
    ),
    (
        Advice,
        r"(?i)does not constitute (?:financial|investment|legal|tax|professional)",
    ),
    (
        Advice,
        r"(?i)(?:is )?not (?:financial|investment|trading) advice|no financial advice",
    ),
    (
        Advice,
        r"(?i)(?:do|conduct) your own (?:research|due diligence)",
    ),
    (
        Advice,
        r"(?i)(?:consult|check with) (?:a |an |your )?(?:certified|qualified|licensed|registered|independent)? ?(?:financial |investment )?(?:experts?|advisors?|advisers?|professionals?)",
    ),
    (
        Advice,
        r"(?i)before (?:taking|making) any (?:investment|financial) decisions?",
    ),
    (
        Advice,
        r"(?i)(?:views|opinions)(?: and (?:views|opinions|investment tips|stock recommendations))? (?:expressed|quoted) (?:here|in this|by|on)",
    ),
    (
        Advice,
        // An ASCII word boundary: a Unicode `\b` makes the whole set's lazy DFA give up on
        // any non-ASCII text, and the fallback is tens of times slower.
        r"(?i)are (?:their|the author[’']?s?) own(?-u:\b)|author[’']s alone",
    ),
    (
        Advice,
        r"(?i)at your own risk|involves? (?:a )?(?:high )?(?:degree of )?risk|past performance",
    ),
    (
        Advice,
        r"(?i)should not be (?:considered|construed|taken|relied upon) as",
    ),
    (
        Advice,
        r"(?i)(?:recommendation|endorsement|solicitation|offer) to (?:buy|sell)",
    ),
    (Advice, r"(?i)includes? third[- ]party opinions"),
    // Product-preview notes appended to changelog posts: "Features in public preview may
    // change as the product evolves."
    (
        Advice,
        r"(?i)(?:features?|functionality|products?|services?) in (?:public |private )?(?:preview|beta) (?:may|might|can|are subject to|is subject to) change",
    ),
    (
        Advice,
        r"(?i)funktionen in der (?:öffentlichen )?vorschau können sich ändern|les fonctionnalités en (?:préversion|version préliminaire) peuvent changer|las funciones en (?:versión preliminar|vista previa) pueden cambiar|os recursos em (?:versão prévia|visualização) podem mudar",
    ),
    (
        Advice,
        r"(?i)keine (?:anlage|finanz|rechts)beratung|stellt keine .{0,40}(?:beratung|empfehlung) dar",
    ),
    (
        Advice,
        r"(?i)ne constitue (?:pas|en aucun cas) (?:un |une )?(?:conseil|recommandation)|à titre (?:purement )?informatif",
    ),
    (
        Advice,
        r"(?i)no constituye (?:un |una )?(?:asesoramiento|consejo|recomendación)|con fines (?:meramente )?informativos",
    ),
    (
        Advice,
        r"(?i)não constitui (?:uma )?(?:recomendação|aconselhamento|consultoria)|(?:para|com) fins (?:meramente )?informativos",
    ),
    (
        Affiliate,
        r"(?i)affiliate (?:links?|partners?|commissions?|programs?)",
    ),
    (
        Affiliate,
        r"(?i)(?:may|might|will|could) (?:earn|receive|get) (?:a |an )?(?:small )?(?:affiliate )?(?:commission|compensation|share of (?:the )?(?:sales|revenue))",
    ),
    (Affiliate, r"(?i)earns? from qualifying purchases"),
    (
        Affiliate,
        r"(?i)(?:includes?|contains?) links to (?:products|retailers|shops) (?:from|of|sold by) (?:our|its) (?:retail |affiliate |commercial )?partners",
    ),
    (Affiliate, r"(?i)at no (?:extra|additional) cost to you"),
    (
        Affiliate,
        r"(?i)references? to products from one or more of our advertisers",
    ),
    (Affiliate, r"(?i)income earning (?:auto )?affiliate links"),
    (
        Affiliate,
        r"(?i)(?:contains?|includes?|uses?) (?:affiliate|referral|sponsored)(?: and/or (?:affiliate|referral))? links",
    ),
    (
        Affiliate,
        r"(?i)(?:not provided|not commissioned|nor commissioned)(?: or commissioned)? by the (?:bank )?advertiser",
    ),
    (
        Affiliate,
        r"(?i)(?:when|if) you (?:buy|purchase|click|sign up) (?:through|via|using) (?:our |these |the )?links",
    ),
    (
        Affiliate,
        r"(?i)affiliate-links?|provision erhalten|enlaces de afiliados|liens? d'affiliation|links de afiliados",
    ),
    // "We earn a commission", and "at no extra cost to you", in DE, FR, ES, PT.
    (
        Affiliate,
        r"(?i)(?:erhalten|bekommen) (?:wir |die redaktion )?(?:ggf\. )?eine (?:kleine )?provision|nous (?:percevons|touchons|recevons) une (?:petite )?commission|(?:recibimos|ganamos|podemos recibir) una (?:peque[ñn]a )?comisi[óo]n|(?:recebemos|ganhamos|podemos receber) uma (?:pequena )?comiss[ãa]o",
    ),
    (
        Affiliate,
        r"(?i)ohne (?:mehrkosten|zusätzliche kosten) für (?:sie|dich)|sans (?:frais|co[ûu]t) suppl[ée]mentaires? pour vous|sin (?:coste|costo) adicional para (?:ti|usted)|sem custo adicional para (?:você|voce|si)",
    ),
];
