"""The GitHub Actions workflow runs what the README documents: on every pull request the
data check and the whole suite (strict build included) in CI mode, and publishes main
only after they pass. (No workflow runner here: this reads the file as Actions does.)"""

from __future__ import annotations

import re

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
