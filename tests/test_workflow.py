"""The GitHub Actions workflow runs what the README documents: on every pull request the
data check and the whole suite (strict build included) in CI mode, and publishes main
only after they pass. (No workflow runner here: this reads the file as Actions does.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_pull_requests_are_checked_as_ci_checks_them():
    workflow = _workflow()
    assert {"pull_request", "push", "schedule"} <= set(workflow["on"])
    assert workflow["on"]["push"]["branches"] == ["main"]
    check = workflow["jobs"]["check"]
    assert check["env"]["CI"] == "true"
    assert _runs(check)[-2:] == ["make check", "make test"]
    # the same command as .ci/run
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # Debian, whose chromium the Makefile installs with apt
    assert re.fullmatch(r"python:3\.\d+-slim-(bookworm|trixie)", check["container"])


def test_only_main_is_published_and_only_after_the_checks():
    publish = _workflow()["jobs"]["publish"]
    assert publish["needs"] == "check"
    assert "pull_request" in publish["if"] and "refs/heads/main" in publish["if"]
    assert publish["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [step.get("uses", "") for step in publish["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert uses[-1].startswith("actions/deploy-pages@")
    build = next(step for step in publish["steps"] if step.get("run") == "make build")
    assert build["env"]["CI"] == "true"
    upload = next(step for step in publish["steps"]
                  if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"  # where `make build` writes the site
    written = re.search(r"^site_dir:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                        re.MULTILINE)
    assert (written[1] if written else "site") == "site"  # what `make build` writes


# --- what Actions and an auditor would say: the files as GitHub reads them, checked by tools -

DEPENDABOT = ROOT / ".github" / "dependabot.yml"
BIN = Path(sys.executable).parent  # the venv's commands: check-jsonschema, zizmor


def _schema_check(schema: str, path: Path) -> subprocess.CompletedProcess:
    """SchemaStore's schema for the file, as shipped inside check-jsonschema (no network)."""
    return subprocess.run([BIN / "check-jsonschema", "--builtin-schema", schema, path],
                          capture_output=True, text=True)


def _zizmor(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([BIN / "zizmor", "--offline", "--no-progress", folder],
                          capture_output=True, text=True)


def test_the_workflow_and_dependabot_config_follow_their_schemas():
    for schema, path in (("vendor.github-workflows", WORKFLOW), ("vendor.dependabot", DEPENDABOT)):
        checked = _schema_check(schema, path)
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_misspelt_key_breaks_the_schema_check(tmp_path):
    """The schema check reads the file for real: a key Actions doesn't know fails it."""
    broken = tmp_path / "pages.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1),
                      encoding="utf-8")
    checked = _schema_check("vendor.github-workflows", broken)
    assert checked.returncode != 0 and "jobs.check" in checked.stdout, checked.stdout


def test_zizmor_finds_nothing_to_fix():
    audit = _zizmor(ROOT / ".github")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert "No findings to report" in audit.stdout


def test_an_action_used_by_its_tag_is_reported(tmp_path):
    """Each action is pinned to a commit; zizmor reports one used by a tag, which its owner
    (or whoever takes over the account) can move to other code."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    pinned = WORKFLOW.read_text(encoding="utf-8")
    tagged = re.sub(r"actions/checkout@[0-9a-f]{40}  # \S+", "actions/checkout@v7", pinned)
    assert tagged != pinned
    (folder / "pages.yml").write_text(tagged, encoding="utf-8")
    audit = _zizmor(tmp_path / ".github")
    assert audit.returncode != 0
    assert "unpinned-uses" in audit.stdout and "actions/checkout@v7" in audit.stdout


def test_every_action_is_pinned_with_its_release_named():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert len(uses) == 5
    for action, comment in uses:
        assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"  # v\d+(\.\d+\.\d+)?", comment), comment  # what Dependabot reads
