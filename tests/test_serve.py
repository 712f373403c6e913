"""`showcase serve` (what `make serve` runs): rebuilt live when a data file changes, and a
mistake keeps the last good site on screen while the terminal says what is wrong."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    return None


def test_serve_rebuilds_when_data_changes(copy_project, tmp_path):
    project = copy_project()
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/points/futian-vr-industry/"
    point = project / "data" / "points" / "futian-vr-industry.yml"
    text = point.read_text(encoding="utf-8")
    try:
        assert _wait_for(lambda: "<h1>虚拟现实产业交流服务展示点</h1>" in (_get(url) or "")), "never served"
        point.write_text(text.replace("name: 虚拟现实产业交流服务展示点", "name: 虚拟现实体验馆"), encoding="utf-8")
        assert _wait_for(lambda: "<h1>虚拟现实体验馆</h1>" in (_get(url) or "")), "not rebuilt"

        point.write_text(text.replace("field: vr", "field: vrx"), encoding="utf-8")
        message = "data/points/futian-vr-industry.yml:8:8: field: 'vrx' 不在 taxonomies/fields.yml 中（是不是 'vr'？）"
        assert _wait_for(lambda: message in (tmp_path / "serve.log").read_text(encoding="utf-8")), "no message"
        point.write_text(text, encoding="utf-8")  # fixed: the next rebuild succeeds
        assert _wait_for(lambda: "<h1>虚拟现实产业交流服务展示点</h1>" in (_get(url) or "")), "not recovered"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
