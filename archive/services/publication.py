"""Publication of events and commentary: who may move an item where, and what the public sees meanwhile.

Every button of the editors' form and every bulk action comes here, so the
rules live in one place: each function checks the acting user's permission
and writes one audit entry.

- Drafting and submitting for review are the writer's business (change permission).
- Publishing, scheduling, unpublishing and sending back take the model's publish
  permission (`publish_event`, `publish_commentary`): review belongs to someone else.
- An editor's change to a *published* item does not go live: it is kept as a
  `PendingRevision` until a publisher approves it (then it is written to the item,
  audited) or sends it back with a comment. Publishers publish their own edits directly.
- A proposal keeps its base (the published values it was written against). Approving
  merges field by field against that base (`merge_revision`): the proposal's changes
  are applied, the fields changed live since are kept, and a field changed on both
  sides is refused until the publisher chooses, so no later direct edit is lost unseen.
- Unpublishing withdraws the item's open proposal (audited); its text is kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from archive.models import AuditEntry, PendingRevision, PublicationStatus

from . import audit

S = PublicationStatus


class Action:
    """The workflow buttons. `SAVE` keeps the stored status."""

    SAVE = "save"
    DRAFT = "draft"
    SUBMIT = "submit"
    PUBLISH = "publish"
    SCHEDULE = "schedule"
    UNPUBLISH = "unpublish"
    SEND_BACK = "send-back"

    ALL = (SAVE, DRAFT, SUBMIT, PUBLISH, SCHEDULE, UNPUBLISH, SEND_BACK)
    # Actions whose reason is part of the decision: refused without a comment. (Unpublishing
    # is restorable, so its comment is asked for but optional.)
    NEED_COMMENT = (SEND_BACK,)


# Fields a writer's edit may change; the workflow fields are the service's.
_WORKFLOW_FIELDS = {"status", "publish_at", "status_changed_at", "status_changed_by", "created_at", "updated_at"}


def publish_permission(model) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def can_publish(user, model) -> bool:
    return user.has_perm(publish_permission(model))


def actions_for(user, model, stored: str | None) -> list[str]:
    """The buttons offered to this user for an item stored with this status (None: not saved yet)."""
    publisher = can_publish(user, model)
    if stored in (None, S.DRAFT):
        actions = [Action.DRAFT, Action.SUBMIT]
    elif stored == S.REVIEW:
        actions = [Action.SUBMIT, Action.DRAFT]
    elif stored == S.PUBLISHED:
        # A writer's edit to a live item is a proposal; a publisher's goes live.
        actions = [Action.SAVE, Action.SCHEDULE, Action.UNPUBLISH] if publisher else [Action.SUBMIT]
    else:  # archived: not public, so its text may be corrected; only a publisher restores it
        actions = [Action.SAVE]
    if publisher and stored != S.PUBLISHED:
        actions += [Action.PUBLISH, Action.SCHEDULE]
        if stored == S.REVIEW:
            actions.append(Action.SEND_BACK)
    return actions


def default_action(user, model, stored: str | None) -> str:
    """What a save without a button means (the history's "Revert", a script): keep the status if allowed."""
    actions = actions_for(user, model, stored)
    for action in (Action.SAVE, Action.DRAFT if stored in (None, S.DRAFT) else Action.SUBMIT):
        if action in actions:
            return action
    return actions[0]


def check(user, model, stored: str | None, action: str) -> None:
    if stored is None and not user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}"):
        raise PermissionDenied(f"You may not add {model._meta.verbose_name_plural}.")  # an import by a reader
    if action not in actions_for(user, model, stored):
        raise PermissionDenied(
            f"You may not {LABELS.get(action, action).lower()} this {model._meta.verbose_name}"
            + (": publishing and unpublishing are done by someone who may publish." if action in _PUBLISHER else ".")
        )


_PUBLISHER = {Action.PUBLISH, Action.SCHEDULE, Action.UNPUBLISH, Action.SEND_BACK}

LABELS = {
    Action.SAVE: "Save",
    Action.DRAFT: "Save draft",
    Action.SUBMIT: "Submit for review",
    Action.PUBLISH: "Publish",
    Action.SCHEDULE: "Schedule",
    Action.UNPUBLISH: "Unpublish",
    Action.SEND_BACK: "Send back",
}


def label(action: str, stored: str | None) -> str:
    if action == Action.SUBMIT and stored == S.PUBLISHED:
        return "Submit changes for review"
    if action == Action.SAVE and stored == S.PUBLISHED:
        return "Publish changes"
    return LABELS[action]


def validate(user, model, stored: str | None, action: str, *, comment: str = "", publish_at=None) -> None:
    """Everything the form must refuse before anything is written (raises ValidationError)."""
    try:
        check(user, model, stored, action)
    except PermissionDenied as exc:
        raise ValidationError(str(exc), code="permission") from exc
    if action in Action.NEED_COMMENT and not comment.strip():
        raise ValidationError(f"{LABELS[action]}: say why in the comment; the writer and the trail will read it.")
    if action == Action.SCHEDULE and (publish_at is None or publish_at <= timezone.now()):
        raise ValidationError("To schedule, set a publish date in the future (or press Publish to publish now).")


def resulting_status(stored: str | None, action: str) -> str:
    return {
        Action.SAVE: stored or S.DRAFT,
        Action.DRAFT: S.DRAFT,
        Action.SUBMIT: S.PUBLISHED if stored == S.PUBLISHED else S.REVIEW,
        Action.PUBLISH: S.PUBLISHED,
        Action.SCHEDULE: S.PUBLISHED,
        Action.UNPUBLISH: S.ARCHIVED,
        Action.SEND_BACK: S.DRAFT,
    }[action]


def stored_state(item) -> tuple[str | None, object]:
    """(status, publish_at) as stored, whatever the in-memory object says (it may be an old version)."""
    if item.pk is None:
        return None, None
    row = type(item).objects.filter(pk=item.pk).values("status", "publish_at").first()
    return (row["status"], row["publish_at"]) if row else (None, None)


def is_proposal(user, item, stored: str | None, action: str) -> bool:
    """Would this save become a pending revision rather than change the live item?"""
    return stored == S.PUBLISHED and action == Action.SUBMIT and not can_publish(user, type(item))


@dataclass
class Outcome:
    status: str
    revision: PendingRevision | None = None  # set when the edit was kept for review instead of saved

    @property
    def pending(self) -> bool:
        return self.revision is not None


_AUDIT = {
    Action.SUBMIT: AuditEntry.Action.SUBMIT,
    Action.PUBLISH: AuditEntry.Action.PUBLISH,
    Action.SCHEDULE: AuditEntry.Action.SCHEDULE,
    Action.UNPUBLISH: AuditEntry.Action.UNPUBLISH,
    Action.SEND_BACK: AuditEntry.Action.SEND_BACK,
    Action.DRAFT: AuditEntry.Action.STATUS,
    Action.SAVE: AuditEntry.Action.STATUS,
}


def _record(action, item, user, reason="", changes=None):
    return audit.record(action, item, user, reason, changes)


def _apply(item, user, stored: str | None, stored_publish_at, action: str, actors=None) -> str:
    """Put the workflow fields of `item` where `action` takes them (not saved); returns the new status."""
    new = resulting_status(stored, action)
    if new == S.PUBLISHED:
        require_publishable(item, actors)
    if action == Action.PUBLISH and not (stored == S.PUBLISHED and stored_publish_at <= timezone.now()):
        item.publish_at = timezone.now()
    elif action != Action.SCHEDULE and stored_publish_at is not None:
        item.publish_at = stored_publish_at  # only Schedule moves the publish date
    item.status = new
    if new != stored:
        item.status_changed_by, item.status_changed_at = user, timezone.now()
    item._history_user = user  # the history names who saved, in a command as in a request
    return new


def _decision(item, stored: str | None, stored_publish_at, new: str, action: str) -> tuple[str, dict] | None:
    """The audit entry (action, changes) a save makes, if any: a new draft is not a decision yet."""
    if new != stored and (stored is not None or new != S.DRAFT):
        changes = {"status": [stored, new]}
        if new == S.PUBLISHED:
            changes["publish_at"] = [
                stored_publish_at.isoformat() if stored_publish_at else None,
                item.publish_at.isoformat(),
            ]
        return _AUDIT[action], changes
    if action == Action.SCHEDULE:
        return AuditEntry.Action.SCHEDULE, {"publish_at": [stored_publish_at.isoformat(), item.publish_at.isoformat()]}
    return None


@transaction.atomic
def save(item, user, action: str, *, comment: str = "", m2m: dict | None = None, token: str | None = None) -> Outcome:
    """Save an edited item through a workflow button.

    `item` carries the edit in memory (as a ModelForm leaves it); `m2m` maps
    many-to-many field names to the chosen objects (written here only when the
    edit becomes a pending revision; otherwise the caller saves relations as usual).
    `token` is the `version_token` the edit was made on: given, a save over a newer
    version is refused (`EditConflict`) instead of replacing it.
    """
    if token is not None:
        check_version(item, token)
    stored, stored_publish_at = stored_state(item)
    validate(user, type(item), stored, action, comment=comment, publish_at=item.publish_at)
    if is_proposal(user, item, stored, action):
        return Outcome(stored, propose(item, user, comment=comment, m2m=m2m or {}))
    new = _apply(item, user, stored, stored_publish_at, action, (m2m or {}).get("actors"))
    if comment:
        item._change_reason = comment[:100]
    item.save()
    if stored == S.PUBLISHED and new != S.PUBLISHED:
        withdraw_revision(item, user, comment)
    decision = _decision(item, stored, stored_publish_at, new, action)
    if decision:
        _record(decision[0], item, user, comment, decision[1])
    return Outcome(new)


@transaction.atomic
def save_new_many(model, entries: list[tuple[object, dict, str]], user, action: str) -> list:
    """`save` for many new items of `model` at once (a file's import): entries are (item, m2m, comment).

    Each item goes through the same rules as `save` of a new item (`validate`, `_apply`,
    `_decision`, the date's bounds of a dated model); `m2m` maps many-to-many field names to the
    chosen objects, written here. Bulk inserts replace the per-item statements: the items, their
    links, one history row each (the acting user as history user, the comment as change reason, the
    links in the history's many-to-many tables), the audit entries, and one search-index write at
    the commit for all of them.
    """
    from archive.models.base import EDTFDated
    from search import writes
    from search.documents import document_for

    decisions = []
    for item, m2m, comment in entries:
        if item.pk is not None or type(item) is not model:
            raise ValueError(f"save_new_many adds new {model._meta.verbose_name_plural} only.")
        validate(user, model, None, action, comment=comment, publish_at=item.publish_at)
        new = _apply(item, user, None, None, action, m2m.get("actors"))
        decisions.append(_decision(item, None, None, new, action))
        if comment:
            item._change_reason = comment[:100]
        if isinstance(item, EDTFDated):
            item._apply_edtf()
    items = model.objects.bulk_create([item for item, *_ in entries], batch_size=1000)
    links = _bulk_links(model, entries)
    history = model.history.bulk_history_create(items, batch_size=1000, default_user=user)
    _bulk_link_history(model, history, links)
    by_action: dict[str, list] = {}
    for (item, _, comment), decision in zip(entries, decisions, strict=True):
        if decision:
            by_action.setdefault(decision[0], []).append((item, comment, decision[1]))
    for audit_action, made in by_action.items():
        audit.record_many(audit_action, made, user)
    writes.mark(document_for(model).kind, [item.pk for item in items])
    return items


def _bulk_links(model, entries) -> dict[str, dict[int, list[dict]]]:
    """Insert the many-to-many rows of new items; returns field name → item pk → its through rows' values.

    The through tables are plain (two keys, no signals for bulk inserts, no Python defaults), so the rows go
    out as multi-row INSERTs of plain values (search.rows) returning their ids, which the history copies carry:
    bulk_create built a model instance per link and compiled every value (40,000 links per 10,000 events).
    """
    from search import rows

    links: dict[str, dict[int, list[dict]]] = {}
    for name in sorted({name for _, m2m, _ in entries for name in m2m}):
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        pairs = [(item.pk, other.pk) for item, m2m, _ in entries for other in dict.fromkeys(m2m.get(name, ()))]
        made = rows.insert(through, (source, target), pairs, returning=(source, target, through._meta.pk.attname))
        ids = {(own, other): pk for own, other, pk in made}
        links[name] = {}
        for own, other in pairs:
            links[name].setdefault(own, []).append(
                {through._meta.pk.attname: ids[own, other], source: own, target: other}
            )
    return links


def _bulk_link_history(model, history, links) -> None:
    """The history's many-to-many tables: each new history row lists the links its item had (as `save` writes)."""
    from search import rows

    for field in getattr(model.history.model, "_history_m2m_fields", []):
        m2m_history = getattr(model.history.model, field.name).model
        names = [f.attname for f in field.remote_field.through._meta.fields]
        rows.insert(
            m2m_history,
            ("history_id", *names),
            [
                (entry.pk, *(row[name] for name in names))
                for entry in history
                for row in links.get(field.name, {}).get(entry.id, [])
            ],
        )


PUBLISHABLE_EVENT = "A published event involves at least two countries."


def require_publishable(item, actors=None) -> None:
    """What must hold before anything goes public, whichever entry point publishes (form, bulk, review, import).

    `actors` are the chosen actors when the caller has them in hand (a form, a revision); otherwise the stored ones.
    """
    from archive.models import Actor, Event

    if not isinstance(item, Event):
        return
    if actors is None:
        actors = item.actors.all() if item.pk else []
    if sum(1 for actor in actors if actor.kind == Actor.Kind.COUNTRY) < 2:
        raise ValidationError(PUBLISHABLE_EVENT)


def revision_token(revision: PendingRevision) -> str:
    """Names the exact proposal and live version a publisher read, so neither changes unseen before approval."""
    model = revision.content_type.model_class()
    live = model.objects.filter(pk=revision.object_id).values_list("updated_at", flat=True).first()
    return f"{revision.pk}:{revision.updated_at.isoformat()}:{live.isoformat() if live else ''}"


def transition(item, user, action: str, comment: str = "") -> bool:
    """Move one stored item by a workflow action without editing it (bulk actions). True if it moved."""
    item.refresh_from_db()
    stored = item.status
    check(user, type(item), stored, action)
    if resulting_status(stored, action) == stored:
        return False
    save(item, user, action, comment=comment)
    return True


# Pending revisions -------------------------------------------------------------------------------


def content_fields(model):
    """The fields a revision carries: what a writer edits, not the workflow's own."""
    return [
        f for f in model._meta.concrete_fields if f.editable and not f.primary_key and f.name not in _WORKFLOW_FIELDS
    ]


def m2m_fields(model):
    return [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]


def _json_value(field, item):
    value = getattr(item, field.attname)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return field.value_to_string(item)  # dates and the like, as ISO text


def snapshot(item, m2m: dict | None = None) -> dict:
    """The item's editable values as JSON (many-to-many as sorted ids)."""
    data = {f.attname: _json_value(f, item) for f in content_fields(type(item))}
    for field in m2m_fields(type(item)):
        if m2m is not None and field.name in m2m:
            chosen = m2m[field.name]
        elif item.pk is not None:
            chosen = getattr(item, field.name).all()
        else:
            chosen = []
        data[field.name] = sorted(getattr(o, "pk", o) for o in chosen)
    return data


def apply_snapshot(item, data: dict) -> dict:
    """Write a snapshot's field values onto the in-memory item; returns its many-to-many ids."""
    for field in content_fields(type(item)):
        if field.attname in data:
            value = data[field.attname]
            setattr(item, field.attname, None if value is None else field.to_python(value))
    return {f.name: data[f.name] for f in m2m_fields(type(item)) if f.name in data}


def open_revision(item) -> PendingRevision | None:
    if item.pk is None:
        return None
    return PendingRevision.objects.open().for_object(item).select_related("created_by").first()


def last_sent_back(item) -> PendingRevision | None:
    """The latest proposal sent back (or withdrawn by unpublishing), if none is open and none approved since."""
    latest = (
        PendingRevision.objects.for_object(item).select_related("decided_by").order_by("-updated_at", "-pk").first()
    )
    closed = (PendingRevision.State.SENT_BACK, PendingRevision.State.WITHDRAWN)
    return latest if latest is not None and latest.state in closed else None


def propose(item, user, *, comment: str = "", m2m: dict) -> PendingRevision:
    """Keep an edit to a published item as the item's one open revision (a later edit replaces it)."""
    if not user.has_perm(f"{item._meta.app_label}.change_{item._meta.model_name}"):
        raise PermissionDenied("You may not change this item.")
    data = snapshot(item, m2m)
    revision = open_revision(item)
    if revision is None:
        # Written against the live item as stored (the form's edit token vouched it was opened on this version).
        revision = PendingRevision(item=item, base=snapshot(type(item).objects.get(pk=item.pk)))
    revision.data, revision.comment, revision.created_by = data, comment, user
    revision.save()
    _record(AuditEntry.Action.REVISE, item, user, comment, {"revision": [None, revision.pk]})
    return revision


def live_item(revision: PendingRevision):
    return revision.content_type.get_object_for_this_type(pk=revision.object_id)


# Approval merges the proposal into the live item --------------------------------------------------

KEEP_LIVE, TAKE_PROPOSAL = "live", "proposal"


def _same(a, b) -> bool:
    """Equal as an editor means it: blank is blank, line endings aside (browsers post CRLF), sets unordered."""
    if a in ("", None) and b in ("", None):
        return True
    if isinstance(a, str) and isinstance(b, str):
        return a.replace("\r\n", "\n") == b.replace("\r\n", "\n")
    if isinstance(a, list) and isinstance(b, list):
        return sorted(a) == sorted(b)
    return a == b


@dataclass
class Merge:
    """What approving a proposal would write, field by field against the proposal's base.

    `data` holds the merged values with every conflict left at its live value; `resolved` applies a
    publisher's choices. `changed_live` names the fields edited live since the base (kept).
    """

    base: dict
    live: dict
    proposal: dict
    data: dict
    conflicts: list[str]
    changed_live: list[str]

    def resolved(self, choices: dict | None = None) -> dict:
        data = dict(self.data)
        for key in self.conflicts:
            if (choices or {}).get(key) == TAKE_PROPOSAL:
                data[key] = self.proposal[key]
        return data


def revision_base(revision: PendingRevision, item) -> dict:
    """The published values the proposal was written against.

    Proposals made before bases were kept: the item's version in its history when the proposal was made;
    failing that None (unknown: merge_revision then asks the publisher about every field the proposal would
    change, rather than risk overwriting a live edit unseen).
    """
    if revision.base is not None:
        return revision.base
    record = item.history.filter(history_date__lte=revision.created_at).order_by("-history_date", "-history_id").first()
    if record is None:
        return None
    from archive.compare import record_snapshot

    data = record_snapshot(type(item), record)
    data.pop("citations", None)
    return data


_unknown = object()  # a base value nobody knows (see revision_base)


def merge_revision(revision: PendingRevision, item=None) -> Merge:
    """A three-way merge of base, live item and proposal.

    Per field: changed only in the proposal, the proposal's value; changed only live, the live value;
    changed on both sides to different values, a conflict. Related sets (tags, actors, …) merge by element:
    the proposal's additions and removals are applied to the live set, so they never conflict.
    """
    item = item if item is not None else live_item(revision)
    live, proposal = snapshot(item), revision.data
    known = revision_base(revision, item)
    # Unknown base: every field the proposal would change is the publisher's decision (shown against live).
    base = known if known is not None else {key: _unknown for key in live}
    sets = {f.name for f in m2m_fields(type(item))}
    data, conflicts, changed_live = dict(live), [], []
    for key in live:  # in form order (a JSON column need not keep the proposal's order)
        if key not in proposal:
            continue  # a field added since the proposal was made
        mine, theirs = proposal[key], live[key]
        before = base.get(key, theirs)
        if before is _unknown:
            if not _same(mine, theirs):
                conflicts.append(key)
            continue
        if not _same(theirs, before):
            changed_live.append(key)
        if key in sets:
            added, removed = set(mine) - set(before), set(before) - set(mine)
            data[key] = sorted((set(theirs) | added) - removed)
        elif _same(mine, before) or _same(mine, theirs):
            continue  # the proposal leaves it alone, or both agree: the live value stands
        elif _same(theirs, before):
            data[key] = mine
        else:
            conflicts.append(key)
    return Merge(known if known is not None else live, live, proposal, data, conflicts, changed_live)


class RevisionConflict(ValidationError):
    """The live item changed since the proposal in the same fields: the publisher must choose (or send back)."""

    def __init__(self, model, keys: list[str]):
        self.keys = keys
        labels = ", ".join(field_label(model, key) for key in keys)
        super().__init__(
            f"The published item was changed since this proposal was written, in the same field(s): {labels}. "
            "Nothing was approved. For each, keep the published text or take the proposal's (or edit the "
            "published item to merge by hand), or send the change back.",
            code="conflict",
        )


def field_label(model, key: str) -> str:
    for field in [*content_fields(model), *m2m_fields(model)]:
        if key in (field.attname, field.name):
            return str(field.verbose_name)
    return key


@transaction.atomic
def approve_revision(
    revision: PendingRevision, user, comment: str = "", *, read_token: str | None = None, choices: dict | None = None
):
    """A publisher accepts the change: the proposal's changes are merged into the published item (audited).

    `read_token` is the revision_token of what the publisher read; when given, a proposal or live item edited
    since is refused rather than approved unseen. Fields changed both live and in the proposal are refused
    (RevisionConflict) unless `choices` maps each to KEEP_LIVE or TAKE_PROPOSAL.
    """
    item = live_item(revision)
    if not can_publish(user, type(item)):
        raise PermissionDenied("Only someone who may publish can approve a change to a published item.")
    # Locked, then read again: two approvals at once, or a live save meanwhile, cannot both win.
    revision = PendingRevision.objects.select_for_update().get(pk=revision.pk)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if revision.state != PendingRevision.State.PENDING:
        raise ValidationError("This change was already decided.")
    if read_token is not None and read_token != revision_token(revision):
        raise ValidationError(
            "The change or the published item was edited after you opened it: review it again before approving."
        )
    merge = merge_revision(revision, item)
    unresolved = [key for key in merge.conflicts if (choices or {}).get(key) not in (KEEP_LIVE, TAKE_PROPOSAL)]
    if unresolved:
        raise RevisionConflict(type(item), unresolved)
    before = merge.live
    related = apply_snapshot(item, merge.resolved(choices))
    # Related rows named in the proposal may have gone since (a tag merged away, an event deleted).
    models_of = {f.name: f.related_model for f in m2m_fields(type(item))}
    related = {
        name: list(models_of[name].objects.filter(pk__in=ids).values_list("pk", flat=True))
        for name, ids in related.items()
    }
    if "actors" in related:
        from archive.models import Actor

        require_publishable(item, list(Actor.objects.filter(pk__in=related["actors"])))
    try:
        item.validate_unique()  # e.g. a slug taken by another item since the proposal was made
    except ValidationError as error:
        raise ValidationError(f"This change cannot go live: {' '.join(error.messages)}") from error
    item._change_reason = (comment or f"Approved change by {revision.created_by or 'an editor'}")[:100]
    item.save()
    for name, ids in related.items():
        getattr(item, name).set(ids)
    from archive.citations.sync import sync_body_citations

    sync_body_citations(item)
    revision.state, revision.decided_by, revision.decided_at = PendingRevision.State.APPROVED, user, timezone.now()
    revision.decision_comment = comment
    revision.save()
    after = snapshot(item)
    changes = {k: [before.get(k), after.get(k)] for k in after if not _same(before.get(k), after.get(k))}
    kept = [k for k in merge.changed_live if k not in merge.conflicts or (choices or {}).get(k) == KEEP_LIVE]
    if kept:
        changes["kept from the live version"] = [None, kept]
    _record(AuditEntry.Action.REVISION_OK, item, user, comment, changes)
    return item


@transaction.atomic
def send_back_revision(revision: PendingRevision, user, comment: str):
    """A publisher declines the change with a comment; the published text stays as it was."""
    item = live_item(revision)
    if not can_publish(user, type(item)):
        raise PermissionDenied("Only someone who may publish can send a change back.")
    if not (comment or "").strip():
        raise ValidationError("Say why the change is sent back; its writer will read it.")
    if revision.state != PendingRevision.State.PENDING:
        raise ValidationError("This change was already decided.")
    revision.state, revision.decided_by, revision.decided_at = PendingRevision.State.SENT_BACK, user, timezone.now()
    revision.decision_comment = comment
    revision.save()
    _record(AuditEntry.Action.REVISION_BACK, item, user, comment, {"revision": [revision.pk, None]})
    return revision


def withdraw_revision(item, user, comment: str = "") -> PendingRevision | None:
    """The item left publication: its open proposal has nothing left to change, so it is closed (audited).

    The proposal keeps its text; its writer is told on the item's form and may carry it over by hand.
    """
    revision = open_revision(item)
    if revision is None:
        return None
    revision.state, revision.decided_by, revision.decided_at = PendingRevision.State.WITHDRAWN, user, timezone.now()
    revision.decision_comment = "Closed: the item was unpublished" + (f" ({comment})" if comment else "") + "."
    revision.save()
    _record(AuditEntry.Action.REVISION_CLOSED, item, user, comment, {"revision": [revision.pk, None]})
    return revision


def record_distrusted_citations(item, user, cited: list[tuple[str, str]], reason: str) -> AuditEntry:
    """The editor confirmed citing distrusted sources: who, which, and why, in the item's trail."""
    changes = {"sources": [None, [key for key, _ in cited]]}
    listed = "; ".join(f"@{key} ({why})" for key, why in cited)
    return _record(AuditEntry.Action.CITE_DISTRUST, item, user, f"{listed}: {reason}", changes)


class EditConflict(ValidationError):
    """The edit was made on a version someone else has since replaced: saving it would lose theirs.

    `token` is the current version's, so a form can carry it for a deliberate save over that version.
    """

    def __init__(self, token: str):
        self.token = token
        super().__init__(
            "Someone else saved this item after you opened it. Nothing of yours was saved: "
            "compare the versions below, merge what you need into the form, then save again.",
            code="conflict",
        )


def check_version(item, token: str) -> None:
    """Refuse an edit of an existing item made on another version than the stored one.

    Locks the item's row until the caller's transaction ends, so no other save can
    come between this check and the caller's write (a no-op lock on SQLite, whose
    writers are serialised anyway).
    """
    if item.pk is None:
        return
    if transaction.get_connection().in_atomic_block:
        type(item).objects.select_for_update().filter(pk=item.pk).values_list("pk", flat=True).first()
    current = version_token(item)
    if token != current:
        raise EditConflict(current)


def version_token(item) -> str:
    """What the editor's form was opened on: the stored row's and its open revision's last change.

    A save whose token differs from the current one was typed over a version
    someone else has since replaced (an edit conflict).
    """
    if item.pk is None:
        return ""
    row = type(item).objects.filter(pk=item.pk).values_list("updated_at", flat=True).first()
    revision = PendingRevision.objects.open().for_object(item).values_list("pk", "updated_at").first()
    parts = [row.isoformat() if row else ""]
    if revision:
        parts += [str(revision[0]), revision[1].isoformat()]
    return "|".join(parts)
