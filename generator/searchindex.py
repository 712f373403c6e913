"""The site's search index: static files that a visitor's browser fetches a few at a time.

The search is our own, not a theme's: Material for MkDocs, whose lunr search the site
used, reaches its end in 2027, and a search that must find 芯片研发 from 新片研发, 半导体
or xpyf is a matter of the directory's data, not of a documentation theme. The browser
half is ``theme/overrides/assets/javascripts/showcase-search-engine.js``; the two share
the tokens below and nothing else, so each rule here has its twin there.

**Tokens.** Text is normalised (NFKC: full-width letters and digits to half-width; lower
case). Each run of Chinese characters gives its overlapping pairs (bigrams: 精密仪器 →
精密，密仪，仪器), a run of one character that character; a run of Latin letters or
digits is one word (华强北路1688号 → 华强，强北，北路，1688，号). Pairs need no
dictionary, so a name the segmenter never saw is found whole and by its parts, and a
name with one wrong character still shares most of its pairs. Names add their single
characters too, so a one-character query finds them.

**English** (and other words of Latin letters, in either edition's index): a word is
read as its singular by a light rule (cities → city, classes → class, points → point;
never -ss, -us, -is: address, campus, analysis), the short words of ``STOP_WORDS`` (the,
of, and…) are left out where they stand as words (a letter touching Chinese, A栋, is
kept), and a name with an apostrophe is also one word (Xi'an → xi, xian; a
possessive's s goes: children's → children). Each word of four letters or more adds
``^`` + its first three to six letters (``PREFIX``), so the last word of a query is
found while it is still being typed (jewel → jewellery, exch → exchange). A record's pinyin (pypinyin) gives
pairs of syllables (xuni, nixian, xianshi) and triples of initials (``*xnx``); its exact
names and keywords a token of their own (``=`` and the whole normalised name), which is
how an exact name comes first, always.

**Weights.** A token found in a document keeps the weight of the most important field
it was found in (``WEIGHTS``): a name counts ten times the text, a field or target group
(and their synonyms) four times. The browser scores a document by the weighted rarity
(idf) of the query tokens it has, times the square of the share of the query it covers.

**Files** (all under ``search/``)::

    manifest.json   {"v", "n": documents, "shards", "chunk", "syllables", "holidays", "id"}
    t/<k>.json      {token: [document frequency, doc, weight, doc, weight, ...]} for the
                    tokens whose FNV-1a hash modulo "shards" is k; doc numbers as
                    differences from the one before
    c/<k>.json      the result cards of documents k·chunk to k·chunk + chunk − 1

A query fetches the manifest, the shards of its tokens and the cards of its best
results: at 10,000 points a few dozen kilobytes, never the whole index.
"""

from __future__ import annotations

import functools
import hashlib
import json
import operator
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

# the weight of a field, the most important one a token is found in (the browser knows
# only these numbers: they are written into the postings)
WEIGHTS = {"name": 10, "key": 7, "tags": 4, "place": 3, "pinyin": 2, "text": 1}
# The weight of an exact name's token: the page's own name (a record's, a page's title)
# first; then another of its names (an organisation's, a page's keywords), a point's
# before a project's, before a case's or an event's: a query that is the name of an
# organisation finds its showcase point first, then the projects and cases it appears in.
EXACT = 100
OTHER_NAME = {"point": 99, "page": 99, "project": 98, "case": 97, "event": 97, "year": 97}
# A query that is the name or a synonym of a record's term (its field, district, target
# group…) lists the records with that term before those that merely mention the words.
TERM_NAME = 50
FORMAT = 1  # manifest "v": the browser refuses an index of another format
CHUNK = 32  # cards per card file: the best results of a query cost a few small files
SHARD_BYTES = 12_000  # about the size of a token shard, uncompressed, before gzip
MAX_SHARDS = 4096  # at 10,000 points a shard is then about 10 KB, 3 KB as served

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_APOSTROPHES = "'\u2019\u02bc"  # ' ’ ʼ (NFKC makes the full-width ＇ a ')
# a word: letters and digits, with apostrophes inside it (Xi'an, children's)
_RUN = re.compile(f"[{_HAN}]+|[a-z0-9]+(?:[{_APOSTROPHES}][a-z0-9]+)*")
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_LETTERS = re.compile("[a-z]+")
# English words that say little and that almost every English text has: not indexed,
# so that "museum of the sea" asks for museum and sea
STOP_WORDS = frozenset(["the", "of", "and", "for", "in", "a", "an", "to", "on", "at", "with", "by"])
# words that look plural and are not (news is not many new)
NOT_PLURAL = frozenset(["news", "series", "species"])
PREFIX = (3, 6)  # the shortest and longest beginning of a word indexed as a prefix
_IS_HAN = re.compile(f"[{_HAN}]")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_COMPACT = re.compile(f"[^{_HAN}a-z0-9]+")


def normalise(text: str) -> str:
    """Text as tokens are made from it: NFKC (full-width Ａ１ → a1), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def compact(text: str) -> str:
    """A name as one key: normalised, with only its Chinese, letters and digits."""
    return _COMPACT.sub("", normalise(text))


def tokens(text: str, *, singles: bool = False, prefixes: bool = False) -> set[str]:
    """The tokens of *text*: pairs of Chinese characters, words of letters or digits
    (``words``); with *singles*, each Chinese character too (a name's); with *prefixes*,
    the beginnings of its words (``prefix_tokens``)."""
    out: set[str] = set()
    text = normalise(text)
    for match in _RUN.finditer(text):
        run = match.group()
        if not _IS_HAN.match(run):
            for word in words(run, alone=not _touches_han(text, match)):
                out.add(singular(word))
                if prefixes:
                    out.update(prefix_tokens(word) | prefix_tokens(singular(word)))
        elif len(run) == 1:
            out.add(run)
        else:
            out.update(run[i:i + 2] for i in range(len(run) - 1))
            if singles:
                out.update(run)
    return out


def words(run: str, *, alone: bool = True) -> list[str]:
    """The words of a run of letters and digits: itself, or for a name with apostrophes
    its parts and the parts joined (xi'an: xi, an, xian; a possessive's s left out);
    without the stop words if the run stands *alone* (not touching Chinese)."""
    parts = _APOSTROPHE.split(run)
    if len(parts) > 1 and parts[-1] == "s":
        parts.pop()
    found = parts + ["".join(parts)] if len(parts) > 1 else parts
    return [word for word in found if not (alone and word in STOP_WORDS)]


def _touches_han(text: str, match: re.Match[str]) -> bool:
    start, end = match.span()
    return bool((start and _IS_HAN.match(text[start - 1]))
                or (end < len(text) and _IS_HAN.match(text[end])))


def singular(word: str) -> str:
    """An English word of four letters or more as its singular, by its ending alone:
    cities → city, classes → class, boxes → box, churches → church, points → point;
    -ss, -us and -is are not plurals (address, campus, analysis)."""
    if len(word) < 4 or word in NOT_PLURAL or not _LETTERS.fullmatch(word):
        return word
    if word.endswith("ies") and len(word) >= 5:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def prefix_tokens(word: str) -> set[str]:
    """``^`` + each beginning of a word of letters, three to six letters long and
    shorter than the word (jewellery: ^jew … ^jewell): a query's last word, still being
    typed, asks for its own (the word whole is a token already)."""
    if not _LETTERS.fullmatch(word):
        return set()
    shortest, longest = PREFIX
    return {"^" + word[:k] for k in range(shortest, min(longest, len(word) - 1) + 1)}


def pinyin_tokens(text: str) -> tuple[set[str], set[str]]:
    """The pinyin tokens of the Chinese in *text*: pairs of syllables (and each syllable,
    for a name's one-syllable query) and ``*`` + triples of initials; and the syllables."""
    out: set[str] = set()
    syllables: set[str] = set()
    for run in _HAN_RUN.findall(normalise(text)):
        said = _spoken(run)
        syllables.update(said)
        out.update(said)
        out.update(a + b for a, b in zip(said, said[1:]))
        initials = "".join(s[0] for s in said)
        out.update("*" + initials[i:i + 3] for i in range(len(initials) - 2))
    return out, syllables


@functools.lru_cache(maxsize=65536)  # streets and organisations recur on many records
def _spoken(run: str) -> tuple[str, ...]:
    """A run of Chinese in pinyin without tones, a syllable per character: pypinyin reads
    a character by the phrase it is in (重庆 chong, 重要 zhong)."""
    from pypinyin import Style, lazy_pinyin

    return tuple(s for s in lazy_pinyin(run, style=Style.NORMAL, errors="ignore") if s.isalpha())


@dataclass(frozen=True)
class Card:
    """What a result shows: the page, its name, what kind of page, and for a record its
    field and district, a line of summary, and a point's opening hours (open now)."""

    url: str  # the page's path under the site: points/x/, years/2024/#event
    title: str
    kind: str  # point, project, case, year, event, page
    kind_label: str
    field: str = ""
    district: str = ""
    summary: str = ""
    schedule: dict[str, Any] | None = None

    def as_json(self) -> list[Any]:
        return [self.url, self.title, self.kind, self.kind_label, self.field, self.district,
                self.summary, self.schedule]


@dataclass(frozen=True)
class Document:
    """One page as search sees it: its card, and its text by field (``WEIGHTS``)."""

    card: Card
    fields: tuple[tuple[str, str], ...]  # (field, text), fields of WEIGHTS
    # exact names: its own first, then others (its organisation, a page's keywords); a
    # query equal to one of them puts the page first
    keys: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()  # the names and synonyms of its terms
    pinyin: tuple[str, ...] = ()  # the names, streets and places spoken as pinyin
    boost: float = 1.0  # how much it counts beside other pages (a hand-written page's search.boost)


@dataclass
class Postings:
    """The tokens of documents, each with the weight of its best field, document by
    document; what a worker process returns for its share of the documents."""

    weights: list[dict[str, int]] = field(default_factory=list)
    syllables: set[str] = field(default_factory=set)


# A word of the thesaurus that a document has counts as its group's other words found in
# the same field, a little less
RELATED = 0.8


class Thesaurus:
    """The city's groups of words that mean the same (``data/taxonomies/synonyms.yml``):
    a document that has one word of a group is found by the others too."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()):
        self.words: list[tuple[frozenset[str], list[frozenset[str]]]] = []
        self.by_token: dict[str, list[int]] = defaultdict(list)
        for group in groups:
            said = [frozenset(tokens(word)) for word in group]
            # what a related word adds: its tokens and its words' beginnings
            given = [frozenset(tokens(word, prefixes=True)) for word in group]
            for number, word in enumerate(said):
                if not word:
                    continue
                self.by_token[min(word)].append(len(self.words))
                self.words.append((word, [other for other, tokens_of in zip(given, said)
                                          if tokens_of != word]))

    def related(self, found: dict[str, int | float]) -> dict[str, int | float]:
        """The tokens of the words related to the words among *found* (tokens with their
        weights), each with the weight the found word has, times RELATED."""
        out: dict[str, int | float] = {}
        for token in [token for token in found if token in self.by_token]:
            for number in self.by_token[token]:
                word, others = self.words[number]
                if word <= found.keys():
                    weight = round(min(found[t] for t in word) * RELATED, 2)
                    for other in others:
                        for t in other:
                            if out.get(t, 0) < weight:
                                out[t] = weight
        return out


def postings(documents: list[Document], thesaurus: Thesaurus | None = None) -> Postings:
    """The tokens of each of *documents*, in order (with the words of *thesaurus*
    related to theirs)."""
    out = Postings()
    for document in documents:
        best: dict[str, int] = {}

        def add(found: Iterable[str], weight: int) -> None:
            for token in found:
                if best.get(token, 0) < weight:
                    best[token] = weight

        boost = document.boost
        for name, text in document.fields:
            # a word still being typed is looked for in names, terms and places, not in
            # the text: beginnings of every word of the text would add a third to the index
            add(tokens(text, singles=name == "name", prefixes=name != "text"),
                _boosted(WEIGHTS[name], boost))
        if thesaurus is not None:
            for token, weight in thesaurus.related(best).items():
                if best.get(token, 0) < weight:
                    best[token] = weight
        for text in document.pinyin:
            said, syllables = pinyin_tokens(text)
            add(said, _boosted(WEIGHTS["pinyin"], boost))
            out.syllables |= syllables
        add(("=" + key for key in map(compact, document.terms) if key), TERM_NAME)
        own, *others = [compact(key) for key in document.keys] or [""]
        add(("=" + key for key in others if key), OTHER_NAME[document.card.kind])
        add(("=" + own,) if own else (), EXACT)
        out.weights.append(best)
    return out


def _boosted(weight: int, boost: float) -> int | float:
    return weight if boost == 1 else round(weight * boost, 2)


def merge(parts: Iterable[Postings]) -> Postings:
    out = Postings()
    for part in parts:
        out.weights.extend(part.weights)
        out.syllables |= part.syllables
    return out


def fnv1a(token: str) -> int:
    """32-bit FNV-1a of the token's UTF-8 bytes: which shard holds it (the browser's
    ``hash`` is the same function)."""
    value = 0x811C9DC5
    for byte in token.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def files(cards: list[Card], found: Postings, holidays: Iterable[str]) -> dict[str, bytes]:
    """The index's files, by site path: the manifest, the token shards, the card files."""
    numbers: dict[str, list[int]] = defaultdict(list)
    weights: dict[str, list[int | float]] = defaultdict(list)
    for number, found_in in enumerate(found.weights):
        for token, weight in found_in.items():
            numbers[token].append(number)
            weights[token].append(weight)
    size = sum(len(token) * 3 + 6 * len(docs) for token, docs in numbers.items())
    shards = 1
    while shards < MAX_SHARDS and size / shards > SHARD_BYTES:
        shards *= 2
    split: list[dict[str, list[int | float]]] = [{} for _ in range(shards)]
    for token, docs in numbers.items():  # in the order of the documents: the same every build
        # numbered in order: each the difference from the one before, small numbers
        steps = [docs[0], *map(operator.sub, docs[1:], docs)]
        flat: list[int | float] = [len(docs)] * (2 * len(docs) + 1)
        flat[1::2] = steps
        flat[2::2] = weights[token]
        split[fnv1a(token) % shards][token] = flat
    out = {f"search/t/{k}.json": _json(shard) for k, shard in enumerate(split)}
    for k in range(0, len(cards), CHUNK):
        out[f"search/c/{k // CHUNK}.json"] = _json([card.as_json() for card in cards[k:k + CHUNK]])
    digest = hashlib.sha256()
    for path in sorted(out):
        digest.update(path.encode() + out[path])
    out["search/manifest.json"] = _json({
        "v": FORMAT, "n": len(cards), "shards": shards, "chunk": CHUNK,
        "syllables": sorted(found.syllables), "holidays": sorted(holidays),
        "id": digest.hexdigest()[:12]})
    return out


def _json(value: Any) -> bytes:
    # JSON is the index's only encoding: a name with "</script>" or quotes is data here,
    # read by JSON.parse and shown by the browser as text (textContent), never as markup
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
