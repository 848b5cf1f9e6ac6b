"""The weekly charts of `make report` (staff/report.py): PNGs beside the page, each with a text
alternative that says the same figures in Finnish."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Sequence

import matplotlib

matplotlib.use("Agg")  # files only: no display on a server
import matplotlib.pyplot as plt  # noqa: E402

# Outcomes (staff/report.py) in the order and words the chart stacks them.
OUTCOMES = {"answered": "vastattu", "declined": "ei vastausta", "other": "muu (tervehdys ym.)"}
MIN_WEEKS = 6  # room on the axis for this many weeks at least
COLOURS = {"answered": "#2b7a3d", "declined": "#b3261e", "other": "#8a8a8a"}


def _chart(
    out: Path, name: str, title: str, alt: str, draw: Callable[[Any], None]
) -> Dict[str, str]:
    figure, axes = plt.subplots(figsize=(8, 3.6))
    draw(axes)
    # A week or two keep narrow bars, as they will beside later weeks.
    axes.set_xlim(-0.75, max(len(axes.get_xticks()), MIN_WEEKS) - 0.25)
    axes.set_title(title)
    figure.tight_layout()
    figure.savefig(out / name, dpi=100)
    plt.close(figure)
    return {"file": name, "title": title, "alt": alt}


def draw(asked: Sequence[Any], ratings: Sequence[Any], out: Path, week: Callable) -> List[Dict]:
    """Conversations and questions per week, each outcome's share per week, and the share of
    helpful ratings per week. `asked` holds staff.report.Question, `ratings`
    bot.web.feedback.Rating; `week` names a timestamp's week."""
    weeks = sorted({week(q.timestamp) for q in asked} | {week(r.timestamp) for r in ratings})
    if not weeks:
        return []
    per_week: Dict[str, Dict[str, Any]] = {
        w: {"senders": set(), "asked": 0, **{o: 0 for o in OUTCOMES}, "rated": 0, "helpful": 0}
        for w in weeks
    }
    for q in asked:
        counts = per_week[week(q.timestamp)]
        counts["senders"].add(q.sender)
        counts["asked"] += 1
        counts[q.outcome] += 1
    for r in ratings:
        counts = per_week[week(r.timestamp)]
        counts["rated"] += 1
        counts["helpful"] += r.helpful
    x = range(len(weeks))

    def volume(axes: Any) -> None:
        width = 0.4
        axes.bar(
            [i - width / 2 for i in x],
            [len(per_week[w]["senders"]) for w in weeks],
            width,
            label="keskusteluja",
            color="#1f5fa8",
        )
        axes.bar(
            [i + width / 2 for i in x],
            [per_week[w]["asked"] for w in weeks],
            width,
            label="kysymyksiä",
            color="#e08a00",
        )
        axes.set_xticks(list(x), weeks)
        axes.set_ylabel("määrä")
        axes.legend()

    def shares(axes: Any) -> None:
        bottom = [0.0] * len(weeks)
        for outcome, label in OUTCOMES.items():
            values = [100 * per_week[w][outcome] / (per_week[w]["asked"] or 1) for w in weeks]
            axes.bar(list(x), values, 0.6, bottom=bottom, label=label, color=COLOURS[outcome])
            bottom = [b + v for b, v in zip(bottom, values)]
        axes.set_xticks(list(x), weeks)
        axes.set_ylabel("osuus kysymyksistä (%)")
        axes.set_ylim(0, 100)
        axes.legend(loc="lower left")

    def helpful(axes: Any) -> None:
        rated = [w for w in weeks if per_week[w]["rated"]]
        axes.plot(
            rated,
            [100 * per_week[w]["helpful"] / per_week[w]["rated"] for w in rated],
            marker="o",
            color="#2b7a3d",
        )
        axes.set_ylabel("hyödyllisiksi arvioituja (%)")
        axes.set_ylim(0, 100)

    def say(w: str, template: str) -> str:
        return template.format(
            w=w,
            **{k: v for k, v in per_week[w].items() if k != "senders"},
            conversations=len(per_week[w]["senders"]),
        )

    charts = [
        _chart(
            out,
            "keskustelut.png",
            "Keskustelut ja kysymykset viikoittain",
            "; ".join(say(w, "{w}: {conversations} keskustelua, {asked} kysymystä") for w in weeks),
            volume,
        ),
        _chart(
            out,
            "tulokset.png",
            "Vastattujen ja vastaamatta jääneiden osuus viikoittain",
            "; ".join(
                say(
                    w,
                    "{w}: vastattu {answered}, ei vastausta {declined}, muu {other} "
                    "kysymyksestä {asked}",
                )
                for w in weeks
            ),
            shares,
        ),
    ]
    if ratings:
        charts.append(
            _chart(
                out,
                "hyodylliset.png",
                "Hyödyllisiksi arvioitujen vastausten osuus viikoittain",
                "; ".join(
                    say(w, "{w}: {helpful} hyödyllistä {rated} arviosta")
                    for w in weeks
                    if per_week[w]["rated"]
                ),
                helpful,
            )
        )
    return charts
