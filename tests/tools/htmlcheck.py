#!/usr/bin/env python3
"""htmlcheck PAGE.html SCRIPT.js [ID=TEXT...] — the page holds no markup
but pathwayc's own, whatever the pathway's text. SCRIPT.js "-" says the
page has no script; "A.js+B.js" that its script is A.js then B.js (the
pathway runtime, runtime/js/bundle's, then checklist.js).

Parses the page with Python's HTML parser (as a browser would tokenize
it) and fails when: an element is not one pathwayc writes; any attribute
is an event handler (on...) or a style; a link (the inline diagram's
too) is not to an item of the page, tel:, mailto:, http(s): or a sibling
output file; any attribute
value starts with javascript:; there is not exactly one <script> that
runs, or its text is not SCRIPT.js byte for byte; there is a data block
(<script type="application/json">) but the page's table
(script#pathway-table), or it is not JSON, or it holds a '<'. Each ID=TEXT asks that the heading of
item ID reads exactly TEXT (the pathway's title, unescaped). Prints what
it found wrong, one line each; exit 1 when anything was."""
import json
import re
import sys
from html.parser import HTMLParser

PAGE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "p",
    "h1", "h2", "h3", "h4", "section", "ul", "li", "div", "button", "dl", "dt",
    "dd", "strong", "span", "main", "article", "input", "label", "fieldset",
    "legend", "details", "summary", "textarea", "footer", "code", "br",
    "script", "table", "caption", "thead", "tbody", "tr", "th", "td", "pre", "nav",
}
# Graphviz's inline SVG (html.parser lower-cases tag names).
SVG_TAGS = {"svg", "g", "title", "polygon", "path", "ellipse", "polyline",
            "text", "a", "defs", "lineargradient", "stop"}
LINK = re.compile(r"^(#[A-Za-z0-9_.-]+|tel:\+?[0-9]+|mailto:[^\s\"<>]+|"
                  r"https?://[^\s\"<>]+|[A-Za-z0-9_-]+\.(html|svg|png|json|dot))$")


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems, self.scripts, self.data = [], [], []
        self.in_script = self.in_svg = 0
        self.in_data = False
        self.heading_of, self.current_item, self.h3 = {}, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.in_svg += 1
        allowed = PAGE_TAGS | (SVG_TAGS if self.in_svg else set())
        if tag not in allowed:
            self.problems.append(f"unexpected element <{tag}>")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") or name == "style":
                self.problems.append(f"<{tag}> has attribute {name}")
            if value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}> is a javascript: value")
            if name in ("href", "xlink:href") and not LINK.match(value):
                self.problems.append(f"<{tag}> links to {value!r}")
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/json":
            if a != {"type": "application/json", "id": "pathway-table"}:
                self.problems.append(f"a data block with attributes {a}")
            self.in_data = True
            self.data.append("")
        elif tag == "script":
            self.in_script += 1
            self.scripts.append("")
        if tag == "article":
            self.current_item = (a.get("id") or "").removeprefix("item-")
        if tag == "h3" and self.current_item:
            self.h3 = []

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1
        if tag == "script" and self.in_data:
            self.in_data = False
        elif tag == "script":
            self.in_script -= 1
        if tag == "h3" and self.h3 is not None:
            self.heading_of[self.current_item] = "".join(self.h3)
            self.h3 = None
        if tag == "article":
            self.current_item = None

    def handle_data(self, data):
        if self.in_data:
            self.data[-1] += data
        elif self.in_script:
            self.scripts[-1] += data
        if self.h3 is not None:
            self.h3.append(data)


def main():
    page_path, script_path, wanted = sys.argv[1], sys.argv[2], sys.argv[3:]
    page = Page()
    page.feed(open(page_path, encoding="utf-8").read())
    page.close()
    problems = page.problems
    if script_path == "-":
        if page.scripts:
            problems.append(f"{len(page.scripts)} <script> elements, not 0")
    elif len(page.scripts) != 1:
        problems.append(f"{len(page.scripts)} <script> elements, not 1")
    elif page.scripts[0] != "".join(open(f, encoding="utf-8").read()
                                     for f in script_path.split("+")):
        problems.append(f"the <script> is not {script_path} as written")
    if len(page.data) > 1:
        problems.append(f"{len(page.data)} data blocks, not 1")
    for d in page.data:
        if "<" in d:
            problems.append("the table in script#pathway-table holds a '<'")
        try:
            json.loads(d)
        except ValueError as e:
            problems.append(f"the table in script#pathway-table is not JSON: {e}")
    for pair in wanted:
        node, _, text = pair.partition("=")
        got = page.heading_of.get(node)
        if got != text:
            problems.append(f"item {node}: heading {got!r}, not {text!r}")
    for p in problems:
        print(f"{page_path}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
