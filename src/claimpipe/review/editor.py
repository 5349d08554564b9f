"""The article page's decision editor and its list of keys (the review app's article view)."""

from __future__ import annotations

from claimpipe.review.render import e
from claimpipe.review.store import VERDICTS

SHORTCUTS = [
    ("j / k", "next / previous claim"),
    ("a", "accept as a claim"),
    ("r", "reject: not a claim"),
    ("u", "undo: back to pending"),
    ("1 2 3 4", "verdict true / false / misleading / unverifiable (accepts)"),
    ("0", "clear the verdict"),
    ("s", "correct the speaker"),
    ("d", "correct the dates"),
    ("n", "note"),
    ("e", "evidence URL"),
    ("Enter", "save the fields (Ctrl+Enter in the note)"),
    ("Esc", "leave a field"),
    ("b", "back to the queue"),
]


def editor() -> str:
    verdicts = "".join(
        f'<label><input type="radio" name="verdict" value="{v}"> <kbd>{i}</kbd> {v}</label>'
        for i, v in enumerate(VERDICTS, 1)
    )
    return (
        '<section id="editor" class="editor" aria-label="decision">'
        '<p class="ed-head"><span id="ed-num"></span> <span id="ed-status" class="badge status">no claim selected</span> '
        '<span id="ed-saved" role="status"></span></p>'
        '<p id="ed-text" class="ed-text">Press <kbd>j</kbd> to start with the first claim.</p>'
        '<div class="buttons">'
        '<button type="button" id="btn-accept"><kbd>a</kbd> accept</button>'
        '<button type="button" id="btn-reject"><kbd>r</kbd> reject</button>'
        '<button type="button" id="btn-pending"><kbd>u</kbd> pending</button></div>'
        f'<fieldset class="verdicts"><legend>verdict</legend>{verdicts}'
        '<label><input type="radio" name="verdict" value=""> <kbd>0</kbd> none</label></fieldset>'
        '<label class="field">speaker <kbd>s</kbd><input id="f-speaker" type="text" autocomplete="off"></label>'
        '<label class="field">dates (TIMEX3 values, comma-separated) <kbd>d</kbd>'
        '<input id="f-dates" type="text" autocomplete="off"></label>'
        '<label class="field">note <kbd>n</kbd><textarea id="f-note" rows="2"></textarea></label>'
        '<label class="field">evidence URL <kbd>e</kbd><input id="f-evidence" type="url" autocomplete="off"></label>'
        '<button type="button" id="btn-save">save <kbd>Enter</kbd></button>'
        "</section>"
    )


def shortcuts() -> str:
    keys = "".join(f"<li><kbd>{e(k)}</kbd> {e(what)}</li>" for k, what in SHORTCUTS)
    return f'<footer class="keys" aria-label="keyboard shortcuts"><ul>{keys}</ul></footer>'


