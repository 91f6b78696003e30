"""The HTML diff report in a real browser: headless Chromium renders it without console
errors, the old and new texts stand side by side, and a screenshot goes to the docs.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so the test needs only the
standard library. It skips when Chromium is not installed (Debian: ``apt-get install
chromium``).
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import regtext

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "img" / "diff-report.png"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--remote-debugging-pipe",
]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")


_TRAMPOLINE = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
               "os.execv(sys.argv[3], sys.argv[3:])")


def _lift(fd: int) -> int:
    """A copy of ``fd`` numbered 10 or above; the original is closed."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class Browser:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 900) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # a Python trampoline moves our pipe ends to fds 3 (Chromium reads) and 4 (Chromium
        # writes), then execs Chromium; lifting them above 4 first keeps one dup2 from
        # clobbering the other (sh cannot do this: dash only knows fds 0-9)
        to_child_r = _lift(to_child_r)
        from_child_w = _lift(from_child_w)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _TRAMPOLINE, str(to_child_r), str(from_child_w),
             CHROMIUM, *FLAGS, f"--user-data-dir={profile}",
             f"--window-size={width},{height}", "about:blank"],
            pass_fds=(to_child_r, from_child_w),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the debugging pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, timeout: float = 30, **params) -> dict:
        """Send one command (to the attached page, once there is one) and return its result."""
        self._next_id += 1
        msg = {"id": self._next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict:
        """Wait for an event (already received ones count)."""
        for ev in self.events:
            if ev.get("method") == method:
                return ev
        deadline = time.monotonic() + timeout
        while True:
            ev = self._read_message(deadline)
            self.events.append(ev)
            if ev.get("method") == method:
                return ev

    def open(self, url: str) -> None:
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target,
                                 flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def console_errors(self) -> list[str]:
        """Console errors, uncaught exceptions and browser log errors (failed loads…)."""
        out = []
        for ev in self.events:
            method, params = ev.get("method"), ev.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                out.append(" ".join(str(a.get("value", a.get("description", "")))
                                    for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                out.append(details.get("exception", {}).get("description")
                           or details.get("text", "exception"))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                out.append(params["entry"].get("text", ""))
        return out

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


@pytest.fixture
def browser(tmp_path: Path):
    b = Browser(Path(tempfile.mkdtemp(dir=tmp_path, prefix="profile-")))
    try:
        yield b
    finally:
        b.close()


# -- the harness itself can fail --------------------------------------------------------------


def test_harness_reports_console_errors(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><meta charset=utf-8><p>x</p>"
                    "<script>console.error('broken'); undefinedFunction();</script>",
                    encoding="utf-8")
    browser.open(page.as_uri())
    errors = browser.console_errors()
    assert any("broken" in e for e in errors)
    assert any("undefinedFunction" in e for e in errors)


# -- the diff report ----------------------------------------------------------------------------

_LAYOUT_JS = """
(() => {
  // the smallest element whose text contains `s`, then the table cell around it
  const cellOf = (s) => {
    let best = null;
    for (const el of document.body.querySelectorAll('*')) {
      if (el.textContent.includes(s) && (!best || best.contains(el))) best = el;
    }
    return best && (best.closest('td, th, [role=cell]') || best);
  };
  const box = (el) => {
    if (!el) return null;
    const r = el.getBoundingClientRect(), st = getComputedStyle(el);
    return {left: r.left + scrollX, right: r.right + scrollX, top: r.top + scrollY,
            bottom: r.bottom + scrollY, width: r.width, height: r.height,
            visible: st.visibility !== 'hidden' && st.display !== 'none' && +st.opacity > 0,
            row: el.parentElement ? el.parentElement.rowIndex : null};
  };
  const old = cellOf(OLD), neu = cellOf(NEW);
  const del = document.querySelector('del'), ins = document.querySelector('ins');
  return {old: box(old), new: box(neu), del: box(del), ins: box(ins),
          delStyle: del && getComputedStyle(del).textDecorationLine,
          tableTop: old && old.closest('table') ?
            old.closest('table').getBoundingClientRect().top + scrollY : null,
          pageWidth: document.documentElement.scrollWidth, viewWidth: innerWidth,
          fontsReady: document.fonts.status};
})()
"""


def layout_problems(layout: dict) -> list[str]:
    """What is wrong with the measured layout of the old and new columns (empty: all good)."""
    old, new = layout.get("old"), layout.get("new")
    if not old or not new:
        return ["old or new text not found in the page"]
    problems = []
    for name, side in (("old", old), ("new", new)):
        if not (side["visible"] and side["width"] > 100 and side["height"] > 10):
            problems.append(f"{name} column not visible: {side}")
    # side by side: the old column ends where the new one begins, on the same row
    if old["right"] > new["left"] + 1:
        problems.append("old column does not end before the new one begins")
    if not (old["top"] < new["bottom"] and new["top"] < old["bottom"]):
        problems.append("old and new columns do not overlap vertically")
    if old.get("row") != new.get("row"):
        problems.append("old and new text are in different rows")
    # nothing runs off to the right at a laptop's width
    if layout["pageWidth"] > layout["viewWidth"] + 1:
        problems.append("page wider than the window")
    if not (layout.get("del") and layout["del"]["visible"]
            and "line-through" in (layout.get("delStyle") or "")):
        problems.append("deletions not visibly struck through")
    if not (layout.get("ins") and layout["ins"]["visible"]):
        problems.append("insertions not visible")
    return problems


def test_layout_check_rejects_stacked_columns() -> None:
    box = {"visible": True, "width": 500, "height": 40, "row": 1}
    side_by_side = {"old": {**box, "left": 0, "right": 500, "top": 0, "bottom": 40},
                    "new": {**box, "left": 500, "right": 1000, "top": 0, "bottom": 40},
                    "del": box, "ins": box, "delStyle": "line-through",
                    "pageWidth": 1280, "viewWidth": 1280}
    assert layout_problems(side_by_side) == []
    stacked = {**side_by_side,
               "new": {**box, "left": 0, "right": 500, "top": 40, "bottom": 80, "row": 2}}
    assert len(layout_problems(stacked)) == 3
    hidden = {**side_by_side, "old": {**side_by_side["old"], "visible": False}}
    assert layout_problems(hidden) == [f"old column not visible: {hidden['old']}"]


def _distinctive(text: str, other: str, size: int = 6) -> str | None:
    """A run of ``size`` characters of ``text`` that does not occur in ``other``."""
    for i in range(len(text) - size + 1):
        chunk = text[i:i + size]
        if "\n" not in chunk and chunk not in other:
            return chunk
    return None


def _report():
    old = regtext.load("genai-2023-draft", warn=False)
    new = regtext.load("genai-2023-final")
    cmp = regtext.diff(old, new)
    for p in cmp.pairs:
        if p.change == "modified" and p.relation == "one-to-one":
            a = _distinctive(p.old_text, p.new_text)
            b = _distinctive(p.new_text, p.old_text)
            if a and b:
                return cmp.to_html(), a, b
    pytest.fail("no modified one-to-one pair with distinctive old and new words")


def test_diff_report_renders_side_by_side(browser: Browser, tmp_path: Path) -> None:
    if not hasattr(regtext, "diff"):
        pytest.skip("regtext.diff not available")
    html, old_words, new_words = _report()
    page = tmp_path / "report.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page.as_uri())
    script = _LAYOUT_JS.replace("OLD", json.dumps(old_words)).replace("NEW", json.dumps(new_words))
    layout = browser.evaluate(script)

    assert browser.console_errors() == []
    assert layout_problems(layout) == [], layout

    # a narrower window (a docs column, a small laptop) keeps the columns side by side; the
    # screenshot the docs show is taken there, so its text stays readable when scaled down
    browser.send("Emulation.setDeviceMetricsOverride", width=960, height=640,
                 deviceScaleFactor=1, mobile=False)
    layout = browser.evaluate(script)
    assert layout_problems(layout) == [], layout
    top = layout["tableTop"] if layout["tableTop"] is not None else layout["old"]["top"]
    browser.evaluate(f"window.scrollTo(0, {max(0, top - 8)})")
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    browser.screenshot(SCREENSHOT)
    assert browser.console_errors() == []
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
