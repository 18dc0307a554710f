"""``lessonkit init`` and ``lessonkit new``: a new curriculum, a new lesson."""

from __future__ import annotations

import contextlib
import datetime
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path

from lessonkit.project import LESSONS_DIR, Project

STARTER = Path(__file__).resolve().parent / "starter"


class ScaffoldError(Exception):
    """The files could not be made as asked; nothing was overwritten."""


def init_project(target: Path) -> list[Path]:
    """Copy the starter curriculum into ``target``; refuse to overwrite a project."""
    if (target / "conf.py").exists():
        raise ScaffoldError(f"{target} already holds a curriculum (conf.py); choose another folder")
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty; give a new or empty folder")
    shutil.copytree(STARTER, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    return sorted(p for p in target.rglob("*") if p.is_file())


def slugify(title: str) -> str:
    """A lesson id from its title: 'Stop, block & tell!' -> 'stop-block-tell'."""
    spelled = title.translate(str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "’": "-", "'": "-"}))
    ascii_title = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:60].strip("-")


# Every text a writer replaces is written [[like this]]: `lessonkit check` reports each one left
# (template-placeholder), so that no template text ships in a kit.
PLACEHOLDER = re.compile(r"\[\[[^\[\]\n]+\]\]")
LESSON_TEMPLATE = """\
---
id: {id}
band: {band}
duration: {duration}
topics: [{topic}]
sensitive: false
reviewed: {today}
{order}---

# {title}

:::{{summary}}
[[In one or two sentences, say what students learn in this lesson.]]
:::

:::{{objectives}}
- [[I can ... (what students will be able to do, one objective a line)]]
- [[I can ...]]
:::

:::{{success-criteria}}
- [[I can ... (what success looks like, in the students' words)]]
:::

:::{{vocabulary}}
[[Word]]
: [[What it means, in words students of this age know.]]
:::

:::{{materials}}
- [[What to print or prepare before the lesson.]]
:::

:::{{teacher-note}}
[[Background for the teacher: what this lesson is about, what to watch for, and how to keep
the room safe (ground rules, fictional characters only, an anonymous question box).]]
:::

:::{{accommodations}}
- [[Picture or AAC support: a picture-card version of the key script.]]
- [[English and French language learners: the key words with pictures, a partner who shares the language.]]
- [[Students with an IEP or a plan d'intervention: what to adapt, and how.]]
- [[A way to opt out of an activity without being singled out.]]
:::

:::{{activity}} [[Warm-up]]
:duration: 5

[[Describe the first step of the lesson, built on a fictional character.]]
:::

:::{{video}} videos/clip.webm
:title: [[What the clip shows, e.g. Tell someone you trust]]
:poster: videos/clip.png
:captions: videos/clip.{{lang}}.vtt

[[One sentence about the clip. No clip in this lesson? Delete this video block.]]
:::

:::{{activity}} [[Practise the skill]]
:duration: {practice}

[[Describe how students practise the skill: a script to say, a step to take, a person to tell.]]
:::

:::{{discussion}}
:duration: 5

- [[A question to ask the class]]
- [[Another question]]
:::

::::{{handout}} [[Title of the worksheet]]
:duration: 5

[[What students write or draw.]]

:::{{answer-lines}} 4
:::

- [ ] [[Something students check they can do]]
::::

:::{{answer-key}}
[[Expected answers to the handout.]]
:::

:::{{exit-ticket}}
:duration: 3

[[One question that shows what each student understood.]]
:::

:::{{rubric}}
| Criteria | Level 1 | Level 2 | Level 3 | Level 4 |
|---|---|---|---|---|
| [[What you assess]] | [[with much help]] | [[with some help]] | [[on their own]] | [[and explains why]] |
:::

:::{{extension}}
[[Optional further work.]]
:::

:::{{family-letter}}
[[Dear families, in an upcoming lesson, our class will ... After the lesson, ask your child: ...]]
:::

:::{{get-help}}
:::
"""


def _band_habits(project: Project, band: str) -> tuple[int, int | None]:
    """A new lesson's duration (the band's lessons' most usual one, else 30 minutes) and its
    ``order``: after the band's lessons when they all have one (None when some do not: a number
    would put it before them)."""
    # the lesson outline loads markdown-it: only when a lesson is made, not for every command
    from lessonkit.lesson import UNORDERED, LessonError, lesson_order, parse_lesson

    metas = []
    for file in project.lesson_files(band):
        with contextlib.suppress(LessonError):
            metas.append(parse_lesson(file, project.shown(file)).meta)
    durations = [value for meta in metas if isinstance(value := meta.get("duration"), int) and 20 <= value <= 240]
    orders = [lesson_order(meta) for meta in metas]
    order = max(orders, default=0) + 1 if all(order < UNORDERED for order in orders) else None
    return (Counter(durations).most_common(1)[0][0] if durations else 30), order


def new_lesson(project: Project, band: str, title: str, today: datetime.date | None = None) -> Path:
    """Write a lesson with every block of the format; refuse to overwrite one."""
    if band not in project.settings.bands:
        raise ScaffoldError(f"unknown band {band}; conf.py declares {', '.join(project.settings.bands)}")
    lesson_id = slugify(title)
    if not lesson_id:
        raise ScaffoldError(f"cannot make an id from the title {title!r}; use letters or digits")
    path = project.root / LESSONS_DIR / band / f"{lesson_id}.md"
    if path.exists():
        raise ScaffoldError(f"{project.shown(path)} already exists; choose another title")
    duration, order = _band_habits(project, band)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LESSON_TEMPLATE.format(
        id=lesson_id, band=band, duration=duration, order=f"order: {order}\n" if order else "", title=title.strip(),
        topic=next(iter(project.settings.topics)), practice=duration - 18,  # what the other timed blocks leave
        today=(today or datetime.date.today()).isoformat(),
    ), encoding="utf-8")
    return path
