"""Untrusted text made safe to show: on a terminal, in an error message, in a CSV cell.

Scenario files and plugins are untrusted: a title with a newline could forge a line such as
"Total award: £99,999.00", and an escape sequence could clear the screen or set the window
title. ``one_line`` escapes every control character (newlines included) for a value shown
inside a line; ``terminal`` escapes every control character but the newline for a whole
block of output; ``flat`` puts free text on one line (CSV and table cells); ``shorten`` cuts
a long value for a message.
"""

from __future__ import annotations

import re
import unicodedata

MAX_SHOWN = 80

# C0 and C1 controls, DEL, and the Unicode format characters that reorder or hide text
# (bidirectional overrides and isolates, zero-width joiners, line and paragraph separators).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_CONTROL_BUT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """The text with every control character escaped (``\\n``, ``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(_escape, str(text))


def terminal(text: str) -> str:
    """A block of output with every control character but the newline escaped."""
    return _CONTROL_BUT_NEWLINE.sub(_escape, text)


def shorten(text: str, limit: int = MAX_SHOWN) -> str:
    """At most ``limit`` characters, ending with "… (N characters)" when cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text):,} characters)"


def shown(text: object, limit: int = MAX_SHOWN) -> str:
    """A value quoted in a message: control characters escaped, cut to ``limit``."""
    return shorten(one_line(text), limit)


def flat(text: str) -> str:
    """Free text on one line: runs of whitespace (newlines included) become one space, and
    any remaining control character is escaped. For CSV cells and table cells."""
    return one_line(" ".join(text.split()))


def is_printable(text: str) -> bool:
    """No control or format character (for tests)."""
    return not any(unicodedata.category(c) in ("Cc", "Cf") and c != "\n" for c in text)


def for_template(value: object) -> object:
    """A Jinja ``finalize``: scenario and plugin text with its control characters shown
    escaped (``\\x1b``), as a terminal shows them, before it is HTML-escaped; markup the
    page builds itself (anything with ``__html__``, such as an inline chart) is left alone."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return terminal(value)
    return value
