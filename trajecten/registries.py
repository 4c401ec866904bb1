"""Registries through which the apps that build on `trajecten` feed it.

`trajecten` never imports those apps; each fills these registries at the top level of its
`hub.py`, which `TrajectenConfig.ready()` imports (`autodiscover_modules("hub")`). See
"Architecture" in the README.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db import models

    from .models import Traject


# -- plan sections ---------------------------------------------------------


@dataclass(frozen=True)
class PlanSection:
    key: str
    title: str
    order: int
    # (traject) -> template context for the partial; should use a fixed number of queries.
    context: Callable[[Traject], dict[str, Any]]
    # A template that renders the section for both the HTML page and the PDF.
    template: str


_plan_sections: dict[str, PlanSection] = {}


def register_plan_section(section: PlanSection) -> None:
    _plan_sections[section.key] = section


def plan_sections() -> list[PlanSection]:
    return sorted(_plan_sections.values(), key=lambda s: (s.order, s.key))


# -- progress --------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class ProgressSource:
    key: str
    label: str
    order: int
    # Batch by design, so an overview of many trajectories costs a fixed
    # number of queries: (trajecten) -> {traject_id: Progress}.
    compute: Callable[[list[Traject]], dict[int, Progress]]
    # Optional: sources that one query can serve together name the same `batch`,
    # (trajecten) -> {source key: {traject_id: Progress}}; progress_for calls it once.
    batch: Callable[[list[Traject]], dict[str, dict[int, Progress]]] | None = None


_progress: dict[str, ProgressSource] = {}


def register_progress(source: ProgressSource) -> None:
    _progress[source.key] = source


def progress_sources() -> list[ProgressSource]:
    return sorted(_progress.values(), key=lambda s: (s.order, s.key))


def progress_for(trajecten: list[Traject]) -> dict[int, dict[str, Progress]]:
    """{traject_id: {source key: Progress}} for all registered sources."""
    result: dict[int, dict[str, Progress]] = {t.pk: {} for t in trajecten}
    batches: dict[Callable, dict[str, dict[int, Progress]]] = {}
    for source in progress_sources():
        if source.batch is None:
            computed = source.compute(trajecten)
        else:
            if source.batch not in batches:
                batches[source.batch] = source.batch(trajecten)
            computed = batches[source.batch].get(source.key, {})
        for t in trajecten:
            result[t.pk][source.key] = computed.get(t.pk, Progress(0, 0))
    return result


# -- signals ---------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    code: str
    reason: str  # plain Dutch, shown to people
    source: str  # e.g. "Handreiking Kwartiermaken, fase 2"
    level: str = "waarschuwing"  # or "info"


SignalRule = Callable[["Traject"], Iterable[Signal]]
_signal_rules: list[SignalRule] = []


def register_signal_rule(rule: SignalRule) -> SignalRule:
    if rule not in _signal_rules:
        _signal_rules.append(rule)
    return rule


def signal_rules() -> list[SignalRule]:
    return list(_signal_rules)


def signals_for(traject: Traject) -> list[Signal]:
    return [signal for rule in _signal_rules for signal in rule(traject)]


# -- personal data ---------------------------------------------------------


@dataclass(frozen=True)
class PersonalData:
    """How one model that points to a person is exported and erased."""

    model: type[models.Model]
    # (user) -> JSON-serialisable list of what this model holds about the user.
    export: Callable[[Any], list[dict[str, Any]]]
    # (user) -> None: removes or anonymises the rows, so none points to the user.
    erase: Callable[[Any], None]
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_personal_data: dict[str, PersonalData] = {}


def register_personal_data(entry: PersonalData) -> None:
    _personal_data[entry.model._meta.label] = entry


def personal_data_entries() -> list[PersonalData]:
    return [_personal_data[key] for key in sorted(_personal_data)]


# -- trajectory page: links to each app's pages -----------------------------


@dataclass(frozen=True)
class TrajectLink:
    """A link on the trajectory page into an app's part of the trajectory."""

    key: str
    label: str  # lazily translated
    url_name: str  # reversed with args=[traject.pk]
    order: int
    description: str = ""
    # Roles that see the link; None means every member.
    roles: frozenset[str] | None = None


_traject_links: dict[str, TrajectLink] = {}


def register_traject_link(link: TrajectLink) -> None:
    _traject_links[link.key] = link


def traject_links(rol: str) -> list[TrajectLink]:
    return sorted(
        (link for link in _traject_links.values() if link.roles is None or rol in link.roles),
        key=lambda link: (link.order, link.key),
    )


# -- demo data ---------------------------------------------------------------

# Callables (traject) -> None that add an app's demo data; `manage.py demo` runs them
# for every demo trajectory. They must be idempotent, like the command itself.
_demo_hooks: list[Callable[[Traject], None]] = []


def register_demo(hook: Callable[[Traject], None]) -> None:
    if hook not in _demo_hooks:
        _demo_hooks.append(hook)


def demo_hooks() -> list[Callable[[Traject], None]]:
    return list(_demo_hooks)


# -- trajectory export (JSON and CSV for the organisation's own records) ------


@dataclass(frozen=True)
class TrajectExport:
    """One table of a trajectory's data, for the JSON/CSV export of the whole trajectory.

    rows: (traject) -> list of flat dicts (str/int/float/bool/None values, ISO dates),
    with the same keys in every row; a fixed number of queries.
    """

    key: str
    label: str
    order: int
    rows: Callable[[Traject], list[dict[str, Any]]]


_traject_exports: dict[str, TrajectExport] = {}


def register_traject_export(export: TrajectExport) -> None:
    _traject_exports[export.key] = export


def traject_exports() -> list[TrajectExport]:
    return sorted(_traject_exports.values(), key=lambda e: (e.order, e.key))


# -- an exercise page: where its results are used -----------------------------------


@dataclass(frozen=True)
class ExerciseUse:
    """A page elsewhere that an exercise's results serve (e.g. a kwartiermaken step)."""

    label: str
    url: str


@dataclass(frozen=True)
class ExerciseUseSource:
    key: str
    heading: str  # lazily translated, e.g. "Deze oefening hoort bij"
    order: int
    # (traject, exercise slug) -> the uses, in their order; one fixed number of queries.
    uses: Callable[[Traject, str], list[ExerciseUse]]


_exercise_use_sources: dict[str, ExerciseUseSource] = {}


def register_exercise_use(source: ExerciseUseSource) -> None:
    _exercise_use_sources[source.key] = source


def exercise_use_sources() -> list[ExerciseUseSource]:
    return sorted(_exercise_use_sources.values(), key=lambda s: (s.order, s.key))


# -- where an exercise's result ends up in the plan --------------------------------

# Callables (exercise slug) -> a sentence or None, e.g. the plan's "what you fill in here
# goes into decision 3"; the exercise page shows every sentence (oefeningen never imports
# the app that answers).
_plan_feeds: list[Callable[[str], str | None]] = []


def register_plan_feed(hook: Callable[[str], str | None]) -> None:
    if hook not in _plan_feeds:
        _plan_feeds.append(hook)


def plan_feeds(slug: str) -> list[str]:
    return [str(tekst) for hook in _plan_feeds if (tekst := hook(slug))]
