"""The schema: documented, exported as JSON Schema, and in step with the committed files."""

from __future__ import annotations

import dataclasses as dc
import json

import jsonschema
import pytest

from generator.load import load_file
from generator.reference import SCHEMA_FILES, field_rows, schema_text
from generator.schema import TAXONOMIES, field_specs, unwrap
from generator.validate import validate

from .conftest import DEMO_DATA, ROOT


def _all_classes():
    files = [tp.__args__[0] if getattr(tp, "__origin__", None) is tuple else tp
             for tp in SCHEMA_FILES.values()]
    files = [tp for tp in files if dc.is_dataclass(tp)]  # the thesaurus: groups of words
    seen, todo = set(), files + list(TAXONOMIES.values())
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for spec in field_specs(cls):
            base, _, _ = unwrap(spec.type)
            if getattr(base, "__origin__", None) is tuple:
                base, _, _ = unwrap(base.__args__[0])
            if dc.is_dataclass(base):
                todo.append(base)
    return sorted(seen, key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", _all_classes(), ids=lambda c: c.__name__)
def test_every_field_has_a_description(cls):
    undocumented = [spec.name for spec in field_specs(cls) if len(spec.doc.strip()) < 2]
    assert undocumented == [], f"{cls.__name__}: fields without a description: {undocumented}"


@pytest.fixture(scope="module")
def demo():
    validated, issues = validate(DEMO_DATA, ROOT)
    assert not issues
    return validated


@pytest.mark.parametrize("name", list(SCHEMA_FILES))
def test_committed_json_schemas_are_current(name, demo):
    committed = DEMO_DATA / "schemas" / f"{name}.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(SCHEMA_FILES[name], demo.taxonomies), (
        "data/schemas is out of date: run `showcase schemas`")


@pytest.mark.parametrize("name", ["points", "projects", "cases", "years", "holidays"])
def test_demo_records_satisfy_the_json_schema(name, demo):
    """An independent validator (jsonschema) accepts every demo record against our export."""
    schema = json.loads(schema_text(SCHEMA_FILES[name], demo.taxonomies))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    files = sorted((DEMO_DATA / name).glob("*.yml")) if name != "holidays" else \
        [DEMO_DATA / "holidays.yml"]
    assert files
    for path in files:
        doc, issues = load_file(path, ROOT)
        assert not issues
        errors = [e.message for e in validator.iter_errors(doc.data)]
        assert errors == [], path


def test_json_schema_rejects_what_the_validator_rejects(demo):
    schema = json.loads(schema_text(SCHEMA_FILES["points"], demo.taxonomies))
    doc, _ = load_file(DEMO_DATA / "points" / "futian-vr-industry.yml", ROOT)
    bad = dict(doc.data, field="vrr", adress="x")
    messages = sorted(e.message for e in jsonschema.Draft7Validator(schema).iter_errors(bad))
    assert messages[0] == "'vrr' is not one of " + repr(list(demo.taxonomies["fields"]))
    assert "Additional properties are not allowed ('adress' was unexpected)" in messages


def test_reference_rows_cover_nested_fields():
    paths = [row.path for row in field_rows(SCHEMA_FILES["points"])]
    assert "visit.hours[].open" in paths
    assert "location.coordinates.system" in paths
    assert paths.index("visit") < paths.index("visit.hours") < paths.index("visit.hours[].days")
