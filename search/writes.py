"""Index writes collected per transaction: each changed object is written once, still inside the transaction.

Saving an event through the admin sends a dozen signals (the event, each
tag and actor link, each citation row); writing the event's index row for
each of them cost five writes. Instead, signals *mark* objects here, and the
marks are written when the outermost application transaction is about to
end: just before its COMMIT (or, inside a test's transaction, just before
releasing the savepoint of the block that made them). `on_commit` would be
too late: the results cache's token (cache.py) must change in the same
transaction as the rows, so no reader ever sees new rows with an old token.

Django has no pre-commit hook, so the connection's ``commit``,
``savepoint_commit``, ``rollback`` and ``savepoint_rollback`` are wrapped
once per connection. Writing re-reads the objects, so a mark whose change was
rolled back only rewrites the current state; marks made inside a block that
rolls back are dropped with it. Outside any transaction (autocommit), or
when no enclosing block's end can be seen (see `_flush_depth`), a mark is
written at once, as before.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import DEFAULT_DB_ALIAS, connections

from . import cache, index


class _Pending:
    """Marks per depth of the block that made them (so a savepoint rollback drops its own only)."""

    def __init__(self):
        self.marks: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        self.bump: set[int] = set()  # depths at which the results cache needs a new token even with no row
        self.flush_depth: int | None = None  # the shallowest visible block end that will write them
        self.flushing = False

    def __bool__(self):
        return bool(self.bump or any(ids for kinds in self.marks.values() for ids in kinds.values()))

    def drop_deeper_than(self, depth: int) -> None:
        for level in [level for level in self.marks if level > depth]:
            del self.marks[level]
        self.bump = {level for level in self.bump if level <= depth}
        if not self:
            self.flush_depth = None

    def fold_into(self, depth: int) -> None:
        """A block ended well: its marks now belong to the enclosing block (undone only with that one)."""
        for level in [level for level in self.marks if level > depth]:
            for kind, ids in self.marks.pop(level).items():
                self.marks[depth][kind] |= ids
        self.bump = {min(level, depth) for level in self.bump}

    def take(self) -> tuple[dict[str, set[int]], bool]:
        merged: dict[str, set[int]] = defaultdict(set)
        for kinds in self.marks.values():
            for kind, ids in kinds.items():
                merged[kind] |= ids
        bump = bool(self.bump)
        self.marks.clear()
        self.bump, self.flush_depth = set(), None
        return merged, bump


def _depth(connection) -> int:
    """Open atomic blocks, not counting those a test case wraps around each test."""
    return sum(1 for block in connection.atomic_blocks if not getattr(block, "_from_testcase", False))


def _flush_depth(connection) -> int:
    """The depth of the shallowest application block whose end we can see (0: none, write at once).

    The outermost block ends with commit() and a block with a savepoint with
    savepoint_commit(); a block opened with savepoint=False inside another
    (Model.delete() inside a test's transaction, for instance) ends silently.
    """
    blocks, savepoints = connection.atomic_blocks, connection.savepoint_ids
    offset = len(blocks) - len(savepoints)  # the outermost block has no savepoint entry (unless autocommit was off)
    depth = 0
    for position, block in enumerate(blocks):
        if getattr(block, "_from_testcase", False):
            continue
        depth += 1
        if position - offset < 0 or savepoints[position - offset] is not None:
            return depth
    return 0


def _install(connection) -> _Pending:
    pending = getattr(connection, "_search_pending", None)
    if pending is not None:
        return pending
    pending = connection._search_pending = _Pending()
    commit, savepoint_commit = connection.commit, connection.savepoint_commit
    rollback, savepoint_rollback = connection.rollback, connection.savepoint_rollback

    def flush_if_leaving():
        if pending and not pending.flushing and _depth(connection) < pending.flush_depth:
            flush(connection.alias)

    def commit_wrapper():
        try:
            flush_if_leaving()
        except Exception:
            rollback_wrapper()  # the transaction ends here, without the rows it could not index
            raise
        commit()

    def savepoint_commit_wrapper(sid):
        flush_if_leaving()
        if not pending.flushing:
            pending.fold_into(_depth(connection))
        savepoint_commit(sid)

    def rollback_wrapper():
        discard(connection.alias)
        rollback()

    def savepoint_rollback_wrapper(sid):
        pending.drop_deeper_than(_depth(connection))  # marks made inside the block being undone
        savepoint_rollback(sid)

    connection.commit, connection.savepoint_commit = commit_wrapper, savepoint_commit_wrapper
    connection.rollback, connection.savepoint_rollback = rollback_wrapper, savepoint_rollback_wrapper
    return pending


def _defer(connection, pending) -> int:
    """The depth to file a mark under when a visible block end will write it (note that end); 0: write now."""
    depth = _flush_depth(connection) if connection.in_atomic_block else 0
    if depth:
        pending.flush_depth = depth if pending.flush_depth is None else min(pending.flush_depth, depth)
        return _depth(connection)
    return 0


def mark(kind: str, object_ids, using: str = DEFAULT_DB_ALIAS) -> None:
    """Have these objects' index rows rewritten (or removed, if they no longer exist) before the commit."""
    ids = {i for i in object_ids if i is not None}
    if not ids:
        return
    connection = connections[using]
    pending = _install(connection)
    level = _defer(connection, pending)
    if level:
        pending.marks[level][kind].update(ids)
    else:
        index.reindex(kind, ids)  # autocommit, or no end of block to wait for: write now


def meaning_changed(using: str = DEFAULT_DB_ALIAS) -> None:
    """A tag, actor or alias changed what queries mean: cached results must go, even if no row changes."""
    connection = connections[using]
    pending = _install(connection)
    level = _defer(connection, pending)
    if level:
        pending.bump.add(level)
    else:
        cache.bump()


def flush(using: str = DEFAULT_DB_ALIAS) -> int:
    """Write every marked object now (one reindex per kind); returns how many rows were written."""
    connection = connections[using]
    pending = _install(connection)
    if pending.flushing:
        return 0
    marks, bump = pending.take()
    pending.flushing = True
    try:
        if bump and not any(marks.values()):
            cache.bump()  # every reindex bumps too
        return sum(index.reindex(kind, ids) for kind, ids in marks.items() if ids)
    finally:
        pending.flushing = False


def discard(using: str = DEFAULT_DB_ALIAS) -> None:
    _install(connections[using]).take()


def pending_marks(using: str = DEFAULT_DB_ALIAS) -> dict[str, set[int]]:
    """What would be written at the end of the current transaction (for tests and diagnostics)."""
    merged: dict[str, set[int]] = defaultdict(set)
    for kinds in _install(connections[using]).marks.values():
        for kind, ids in kinds.items():
            merged[kind] |= ids
    return {kind: ids for kind, ids in merged.items() if ids}
