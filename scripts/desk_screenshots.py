"""Screenshots of the claims desk for the README: the queue and a group, on a generated corpus.

Drives Debian's chromium through Playwright, as the tests do (``apt-get install chromium``,
``pip install playwright``; never ``playwright install``).

Usage: python scripts/desk_screenshots.py [--out docs/img] [--claims 3000]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    parser.add_argument("--claims", type=int, default=3000)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    from claimpipe.review.server import ReviewServer
    from desk_corpus import generate

    folder = Path(tempfile.mkdtemp(prefix="claimpipe-desk-shots-")) / "annotations"
    generate(folder, claims=args.claims)
    srv = ReviewServer(folder, reviewer="desk")
    srv.start()
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
            page.goto(srv.url)
            page.wait_for_selector("body.desk-page[data-ready='1']")
            page.goto(srv.base + "/?entity=GPE%3AArmenia&status=pending")
            page.wait_for_selector("body.desk-page[data-ready='1']")
            group_row = page.locator(".queue .qrow[data-size]:has(.grp)").first
            index = page.locator(".queue .qrow").evaluate_all(
                "(rows) => rows.findIndex((r) => r.querySelector('.grp'))")
            for _ in range(max(index, 0) + 1):
                page.keyboard.press("j")
            page.keyboard.press("2")  # a verdict on the whole group
            page.wait_for_selector("#desk-saved.ok")
            page.evaluate("window.scrollTo(0, 0)")  # the search, the facets and the top of the queue
            page.screenshot(path=str(args.out / "desk-queue.png"))
            group_row.locator(".grp").click()
            page.wait_for_selector("body.group-page[data-ready='1']")
            page.screenshot(path=str(args.out / "desk-group.png"))
            browser.close()
    finally:
        srv.stop()
        shutil.rmtree(folder.parent, ignore_errors=True)
    print(f"screenshots: {args.out / 'desk-queue.png'}, {args.out / 'desk-group.png'}")


if __name__ == "__main__":
    main()
