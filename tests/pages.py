"""Reading rendered pages in tests: links, head tags and JSON-LD."""

import json
import re
from html.parser import HTMLParser


class Page(HTMLParser):
    """What search engines and link previews read from one HTML page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.links, self.meta, self.json_ld = [], {}, []
        self.title, self.canonical = "", None
        self._in_title = self._in_json_ld = False
        self._script = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            if key:
                self.meta[key] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical = attrs.get("href")
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld, self._script = True, []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "script" and self._in_json_ld:
            self._in_json_ld = False
            self.json_ld.append(json.loads("".join(self._script)))

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif self._in_json_ld:
            self._script.append(data)

    @property
    def description(self):
        return self.meta.get("description", "")

    @property
    def indexable(self):
        return "noindex" not in self.meta.get("robots", "")


def robots_rules(text):
    """The Disallow patterns of robots.txt as regular expressions (`*` and `$`)."""
    rules = []
    for line in text.splitlines():
        field, _, value = line.partition(":")
        if field.strip().lower() == "disallow" and value.strip():
            pattern = re.escape(value.strip()).replace(r"\*", ".*").replace(r"\$", "$")
            rules.append(re.compile(pattern))
    return rules


def disallowed(rules, path_and_query):
    return any(rule.match(path_and_query) for rule in rules)
