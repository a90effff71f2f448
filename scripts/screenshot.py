"""Screenshot of the comparison page for the README: the bundled example (examples/ferry) rendered to HTML by
`rashomon compare --format html` and photographed by Chromium through Playwright.

    .venv/bin/python scripts/screenshot.py                   # writes docs/comparison.png (1280 px wide)
    .venv/bin/python scripts/screenshot.py --width 375 --out /tmp/phone.png --html /tmp/page.html

Needs Chromium (Debian's /usr/bin/chromium, or --chromium PATH); nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def render_example(inputs: list[str], html_path: Path) -> None:
    """Run `rashomon compare INPUTS --format html -o HTML_PATH` in this process."""
    from rashomon.cli import cli

    try:
        code = cli.main(args=["compare", *inputs, "--format", "html", "-o", str(html_path)], standalone_mode=False)
    except SystemExit as exit_:  # the command ends with its exit status
        code = exit_.code
    if code not in (None, 0):
        raise SystemExit(f"rashomon compare exited with status {code}")


def screenshot(html_path: Path, out: Path, *, width: int, height: int, chromium: str, full: bool) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme="light")
            page.goto(html_path.resolve().as_uri())
            page.screenshot(path=str(out), full_page=full)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(REPO / "examples" / "ferry")], help="reports to compare")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "comparison.png")
    parser.add_argument("--html", type=Path, help="also keep the rendered page here")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1800, help="viewport height (the picture's, unless --full)")
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"no Chromium at {args.chromium} (apt-get install chromium, or --chromium PATH)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        html_path = args.html or Path(tmp) / "comparison.html"
        render_example(args.inputs, html_path)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        screenshot(html_path, args.out, width=args.width, height=args.height, chromium=args.chromium, full=args.full)
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
