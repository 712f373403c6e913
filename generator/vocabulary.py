"""The programme's words: what a record is called, its award and its withdrawal, the
names of the two levels of the districts taxonomy, and how a visit is made.

One city's 展示点 is another's 服务中心 or 工作点，awarded（授牌） or set up（挂牌），in
districts and streets or in counties and towns. The interface strings, the schema's
descriptions, the messages and the hand-written pages write these words as tokens
（``{展示点} {授牌} {摘牌} {区} {街道} {预约参观}``），and ``Vocabulary.apply`` puts in the
site's words (``programme.short_title``, ``.award``, ``.delisting``, ``levels.district``,
``.street`` in site.yml; a visit is 预约参观 unless ``programme.booking`` is none, where
it is 参观).

It is plain replacement of exactly those six tokens, never a template: a ``{name}``
placeholder that ``str.format`` fills later stays as it is, and the data's own text is
never passed through it (a summary that writes ``{展示点}`` shows it as written).

Messages are formatted with ``str.format``, to which a token is a missing key: they
write their tokens through ``marked``, which ``Vocabulary.resolve`` replaces once the
site's words are known. The mark is a NUL, which no YAML file, so no data, can hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# token → the Vocabulary attribute that holds the site's word
TOKENS = {"展示点": "record", "授牌": "award", "摘牌": "delisting", "区": "district",
          "街道": "street", "预约参观": "visit"}
WALK_IN_VISIT = "参观"  # a visit where programme.booking is none: nothing to book
_TOKEN_RE = re.compile("\\{(" + "|".join(TOKENS) + ")\\}")
_MARK = "\x00"
_MARKED_RE = re.compile(f"{_MARK}(" + "|".join(TOKENS) + f"){_MARK}")


@dataclass(frozen=True)
class Vocabulary:
    """The site's words for the six tokens; the defaults are the demo programme's."""

    record: str = "展示点"
    award: str = "授牌"
    delisting: str = "摘牌"
    district: str = "区"
    street: str = "街道"
    visit: str = "预约参观"

    @classmethod
    def of(cls, site: Any) -> Vocabulary:
        """The words a site's configuration (a ``SiteConfig``) sets."""
        programme, levels = site.programme, site.levels
        return cls(programme.short_title, programme.award, programme.delisting,
                   levels.district, levels.street,
                   WALK_IN_VISIT if programme.booking == "none" else cls.visit)

    @classmethod
    def written(cls, site_file: Path) -> Vocabulary:
        """The words a site.yml writes, read without the check (``showcase new`` runs on
        unfinished data): a default for each word it lacks or writes oddly."""
        try:
            raw = yaml.safe_load(site_file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            raw = None
        raw = raw if isinstance(raw, dict) else {}
        found = {}
        for section, names in (("programme", ("short_title", "award", "delisting")),
                               ("levels", ("district", "street"))):
            part = raw.get(section) if isinstance(raw.get(section), dict) else {}
            for name in names:
                word = part.get(name)
                if isinstance(word, str) and word.strip() and not has_braces(word):
                    found[name] = word.strip()
        programme = raw.get("programme") if isinstance(raw.get("programme"), dict) else {}
        return cls(found.get("short_title", cls.record), found.get("award", cls.award),
                   found.get("delisting", cls.delisting), found.get("district", cls.district),
                   found.get("street", cls.street),
                   WALK_IN_VISIT if programme.get("booking") == "none" else cls.visit)

    def apply(self, text: str) -> str:
        """*text* with each of the six tokens replaced by the site's word; nothing else.

        An English word that begins the text gets a capital letter: an English interface
        writes "{展示点}s" for a title and "all {展示点}s" within a sentence, with the one
        word ("showcase point"). A Chinese word has no case and is put in as it is.
        """
        def word(found: re.Match) -> str:
            said = getattr(self, TOKENS[found[1]])
            return said[:1].upper() + said[1:] if found.start() == 0 and said.isascii() else said
        return _TOKEN_RE.sub(word, text)

    def apply_all(self, value: Any) -> Any:
        """Every string in a tree of dicts and lists (the interface strings), applied."""
        if isinstance(value, str):
            return self.apply(value)
        if isinstance(value, dict):
            return {key: self.apply_all(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.apply_all(item) for item in value]
        return value

    def resolve(self, message: str) -> str:
        """A message formatted from a ``marked`` text, with the site's words put in."""
        return _MARKED_RE.sub(lambda found: getattr(self, TOKENS[found[1]]), message)


DEFAULT = Vocabulary()


def marked(text: str) -> str:
    """A message's text whose tokens survive ``str.format`` (see ``Vocabulary.resolve``)."""
    return _TOKEN_RE.sub(lambda found: f"{_MARK}{found[1]}{_MARK}", text)


def has_braces(word: str) -> bool:
    """Whether a configured word holds a brace: it would read as a token or placeholder."""
    return "{" in word or "}" in word
