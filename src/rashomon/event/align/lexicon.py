"""Word classes the alignment reads: kinds of happening, and nouns that count the same thing."""

from __future__ import annotations

EVENT_TYPES: dict[str, str] = {
    **dict.fromkeys(
        "kill killing death die dead slay assassinate assassination execute execution murder fatality toll".split(),
        "kill",
    ),
    **dict.fromkeys(
        "strike airstrike attack bomb bombing shell shelling raid assault shoot shooting gunfire fire".split(), "attack"
    ),
    **dict.fromkeys("injure injury wound hurt casualty injured wounded".split(), "injure"),
    **dict.fromkeys("arrest detain detention capture custody apprehend charge".split(), "arrest"),
    **dict.fromkeys("harass harassment intercept".split(), "harass"),
    **dict.fromkeys("protest demonstrate demonstration rally march".split(), "protest"),
    **dict.fromkeys("crash collide collision collapse sink capsize".split(), "crash"),
    **dict.fromkeys("resign resignation quit step".split(), "resign"),
    **dict.fromkeys("elect election vote ballot poll win victory defeat beat lose".split(), "elect"),
    **dict.fromkeys("earthquake quake tremor temblor shake flood blaze explosion explode".split(), "disaster"),
    **dict.fromkeys("announce announcement name appoint appointment select choose pick tap hire".split(), "name"),
    **dict.fromkeys("host emcee present".split(), "host"),
    **dict.fromkeys("pass approve adopt enact sign".split(), "pass"),
    **dict.fromkeys("buy acquire acquisition purchase takeover merge merger".split(), "acquire"),
    **dict.fromkeys("release publish disclose reveal unveil".split(), "release"),
    **dict.fromkeys("report record register confirm".split(), "report"),
    **dict.fromkeys("rise climb jump increase grow mount surge swell soar".split(), "rise"),
    **dict.fromkeys("fall drop decline decrease plunge sink slide".split(), "fall"),
}
# counted nouns that count the same kind of thing ("5 people", "5 persons"; "a 6.1 quake", "magnitude 6.1")
COUNTED_CLASSES: dict[str, str] = {
    **dict.fromkeys("people person persons individual individuals civilian civilians".split(), "people"),
    **dict.fromkeys("dead death deaths fatality fatalities toll victim victims body bodies".split(), "dead"),
    **dict.fromkeys("injured injury injuries wounded casualty casualties".split(), "injured"),
    **dict.fromkeys("magnitude quake earthquake tremor temblor richter".split(), "magnitude"),
    **dict.fromkeys("year-old years-old".split(), "age"),
    **dict.fromkeys("vote votes ballot ballots".split(), "vote"),
    **dict.fromkeys("case cases infection infections".split(), "case"),
    **dict.fromkeys(
        "metre metres meter meters m km kilometre kilometres kilometer kilometers mile miles mi foot feet ft "
        "yard yards inch inches cm centimetre centimetres".split(),
        "length",
    ),
    **dict.fromkeys("kilogram kilograms kg pound pounds lb lbs tonne tonnes ton tons".split(), "weight"),
}
# what one unit of a length or weight is in metres or kilograms, to compare "150 metres" with "200ft"
TO_BASE: dict[str, float] = {
    **dict.fromkeys("metre metres meter meters m".split(), 1.0),
    **dict.fromkeys("km kilometre kilometres kilometer kilometers".split(), 1000.0),
    **dict.fromkeys("mile miles mi".split(), 1609.344),
    **dict.fromkeys("foot feet ft".split(), 0.3048),
    **dict.fromkeys("yard yards".split(), 0.9144),
    **dict.fromkeys("inch inches".split(), 0.0254),
    **dict.fromkeys("cm centimetre centimetres".split(), 0.01),
    **dict.fromkeys("kilogram kilograms kg".split(), 1.0),
    **dict.fromkeys("pound pounds lb lbs".split(), 0.4536),
    **dict.fromkeys("tonne tonnes ton tons".split(), 1000.0),
}


def event_type(lemma: str) -> str | None:
    return EVENT_TYPES.get(lemma)


def counted_class(lemma: str | None) -> str:
    if not lemma:
        return ""
    return COUNTED_CLASSES.get(lemma, lemma)
