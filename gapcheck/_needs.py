"""Which rules' needed strings a text holds, for all the rules at once.

A rule's pattern can only match a text that holds one of a few strings (its "needs", see
``_text.required_literals``). Looking for each rule's strings in each text costs a search per
string and rule; this index looks up the text's words instead, and works out once per word which
strings it holds: a string without white space lies within one word.
"""

from __future__ import annotations

from collections.abc import Sequence

# Words remembered with their rules; past this many, the memory starts again (a long batch
# meets new words, names and numbers, without end).
MAX_WORDS = 50_000


class NeedIndex:
    """Rules' needed strings, indexed by the words that hold them.

    Args:
        needs: for each rule, in order, the strings of which a text must hold one, or None (or
            nothing) when the rule needs none; rule ``i`` is bit ``1 << i`` of the masks.
    """

    def __init__(self, needs: Sequence[tuple[str, ...] | None]) -> None:
        self.free = 0  # the rules that need no string
        by_string: dict[str, int] = {}
        spaced: dict[str, int] = {}  # strings with white space in them: looked for in the whole text
        for i, strings in enumerate(needs):
            if not strings:
                self.free |= 1 << i
                continue
            for s in strings:
                table = spaced if any(c.isspace() for c in s) else by_string
                table[s] = table.get(s, 0) | 1 << i
        self._by_string = by_string
        self._spaced = tuple(spaced.items())
        self._lengths = sorted({len(s) for s in by_string})
        self._words: dict[str, int] = {}

    def held(self, text: str) -> int:
        """The mask of the rules whose needs ``text`` meets, every rule that needs none included."""
        bits = self.free
        known = self._words.get
        for word in text.split():
            found = known(word)
            bits |= self._word(word) if found is None else found
        for s, rules in self._spaced:
            if s in text:
                bits |= rules
        return bits

    def _word(self, word: str) -> int:
        """The rules that need a string ``word`` holds: its substrings of the strings' lengths."""
        by_string = self._by_string
        bits = 0
        n = len(word)
        for k in self._lengths:
            if k > n:
                break
            for i in range(n - k + 1):
                found = by_string.get(word[i : i + k])
                if found:
                    bits |= found
        if len(self._words) >= MAX_WORDS:
            self._words.clear()
        self._words[word] = bits
        return bits
