"""List the English words the misspelling model takes for a skill term (a development aid).

Runs every lower-case word of five letters or more from a word list (default: the system's
``/usr/share/dict/words``, from Debian's ``wamerican``) through the fuzzy matcher of the shipped
taxonomy and prints each hit with the term it resembles, marking those that are no form of the
term's own word. Words whose meaning is not the skill's go into
``skill_taxonomy/not_misspellings.yaml``.

    python scripts/fuzzy_english.py [WORDLIST]
"""

from __future__ import annotations

import sys

from gapcheck._matcher import _singular, get_matcher
from gapcheck._nlp import default_nlp
from gapcheck.taxonomy import load_taxonomy


def main(path: str = "/usr/share/dict/words") -> None:
    with open(path, encoding="utf-8") as f:
        words = sorted({w.strip() for w in f if w.strip().isalpha() and w.strip().islower() and len(w.strip()) >= 5})
    matcher = get_matcher(default_nlp(), load_taxonomy())
    hits = {w: hit for w in words if (hit := matcher.fuzzy_lookup(w))}
    print(f"{len(hits)} of {len(words)} words are taken for a skill term")
    for word, (_, term, sim) in hits.items():
        folded = term.casefold()
        same = _singular(word) == _singular(folded) or word.startswith(folded) or folded.startswith(word)
        print(f"{'  ' if same else '* '}{word:20} {term:24} {sim:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:])
