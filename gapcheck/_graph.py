"""Walks of the taxonomy's graphs: a cycle finder for prerequisites, what a skill's broader
links reach."""

from __future__ import annotations

from collections.abc import Callable, Iterator


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """Return one cycle in ``graph`` as a list of nodes (first == last), or None.

    Depth first with an explicit stack: a prerequisite chain thousands of skills long would
    overflow Python's call stack.
    """
    state: dict[str, int] = {}
    for start in sorted(graph):
        if state.get(start, 0):
            continue
        path: list[str] = [start]
        todo: list[Iterator[str]] = [iter(graph.get(start, []))]
        state[start] = 1
        while todo:
            nxt = next(todo[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                todo.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            elif state.get(nxt, 0) == 0:
                state[nxt] = 1
                path.append(nxt)
                todo.append(iter(graph.get(nxt, [])))
    return None


def reachable(start: str, links: Callable[[str], list[str]]) -> tuple[str, ...]:
    """Every node reachable from ``start`` through ``links``, nearest first (breadth first)."""
    out: list[str] = []
    todo = list(links(start))
    while todo:
        current = todo.pop(0)
        if current not in out:
            out.append(current)
            todo.extend(links(current))
    return tuple(out)
