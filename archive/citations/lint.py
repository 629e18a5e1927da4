"""Citation lint: what an editor should hear about the citations in a body before it is saved.

- *Errors*: bracketed text that looks like a citation but does not parse
  (`[@svr1994 p. 12]`, `[@ key]`, `[@key, ]`), each with the fix; it would
  otherwise print as literal text.
- *Confirm*: citing a source rated unreliable, deprecated or blacklisted, or a
  rejected one (as Wikipedia's edit filter warns on deprecated sources): allowed
  with a reason, which goes into the audit trail.
- *Notices*: citing a pending source (readers see "Source under review" until approved).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .keys import ITEM, find_groups

# Brackets whose content starts with @ (or "see @"), or holds "; @": meant as a citation.
_CANDIDATE = re.compile(r"\[((?:\s*(?:see\s+|cf\.\s+)?@|[^\[\]]*;\s*@)[^\[\]]*)\](?!\()", re.I)
_KEY_THEN_REST = re.compile(
    r"^\s*(see\s+|cf\.\s+)?@\s*([A-Za-z][A-Za-z0-9_:.\-]*[A-Za-z0-9_]|[A-Za-z])\s*,?\s*(.*?)\s*$", re.I
)
_DANGLING_COMMA = re.compile(r",\s*$")


@dataclass
class Problem:
    text: str
    message: str
    fix: str = ""


@dataclass
class Report:
    errors: list[Problem] = field(default_factory=list)
    distrusted: list[tuple[str, str]] = field(default_factory=list)  # (key, why) needing confirmation
    pending: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def error_messages(self) -> list[str]:
        return [p.message for p in self.errors]


def _fix(content: str) -> str:
    """The nearest citation that parses, or "" when there is none."""
    parts = []
    for part in content.split(";"):
        match = _KEY_THEN_REST.match(part)
        if not match:
            return ""
        prefix, key, rest = match.group(1) or "", match.group(2), match.group(3)
        parts.append(f"{prefix}@{key}, {rest}" if rest else f"{prefix}@{key}")
    fixed = "[" + "; ".join(parts) + "]"
    return fixed if find_groups(fixed) else ""


def syntax_errors(text: str) -> list[Problem]:
    """Citations that do not parse (or parse only by accident, like a dangling comma)."""
    text = text or ""
    parsed = {(g.start, g.end) for g in find_groups(text)}
    problems = []
    for match in _CANDIDATE.finditer(text):
        raw, content = match.group(0), match.group(1)
        if (match.start(), match.end()) in parsed:
            if not any(_DANGLING_COMMA.search(part) for part in content.split(";")):
                continue
            why = "a comma with no page or locator after it"
        elif any(not ITEM.match(part) for part in content.split(";")):
            why = _why(content)
        else:
            continue
        fix = _fix(content)
        hint = f" Write {fix}." if fix else " Write [@key] or [@key, p. 12]."
        problems.append(Problem(raw, f"{raw} is not a citation ({why}), so it would print as typed.{hint}", fix))
    return problems


def _why(content: str) -> str:
    if re.search(r"@\s", content):
        return "a space after @"
    if re.search(r"@[A-Za-z][^\s,;]*\s+[^\s,;]", content):
        return "a comma missing between the key and the locator"
    return "it does not read as @key or @key, locator"


def lint(text: str) -> Report:
    """Everything at once, with one query for the cited sources."""
    from archive import visibility
    from archive.models import Source

    from .keys import cited_keys

    report = Report(errors=syntax_errors(text))
    keys = cited_keys(text)
    sources = {s.citation_key: s for s in Source.objects.filter(citation_key__in=keys).only(
        "citation_key", "status", "reliability"
    )}  # fmt: skip
    for key in keys:
        source = sources.get(key)
        if source is None:
            report.unknown.append(key)
        elif visibility.distrust(source) == visibility.REJECTED:
            report.distrusted.append((key, "rejected by a moderator"))
        elif visibility.distrust(source) == visibility.DISTRUSTED_RATING:
            report.distrusted.append((key, f"rated {source.get_reliability_display().lower()}"))
        elif source.status == Source.Status.PENDING:
            report.pending.append(key)
    return report
