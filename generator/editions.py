"""Editions of the site in other languages (the English one under ``/en/``).

An edition shows each record in its language where the record has it written (the
record's ``en:`` fields) and in Chinese otherwise. Text shown in an edition it is not
written in is ``Untranslated``: printed into HTML, it carries its own ``lang``, so that a
screen reader reads it, and a browser lays it out, as the language it is in.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .validate import Validated

SOURCE_LANG = "zh-CN"  # the language every record is written in first


class Untranslated(str):
    """Text shown in an edition of another language: HTML gets it in a ``<span lang>``.

    Still a ``str`` everywhere else (JSON, attributes through ``|string``, sorting).
    """

    lang = SOURCE_LANG

    def __html__(self) -> Markup:
        return Markup('<span lang="{}">{}</span>').format(self.lang, escape(str(self)))


def localise(validated: Validated, edition: str) -> Validated:
    """The records as *edition* shows them."""
    return validated
