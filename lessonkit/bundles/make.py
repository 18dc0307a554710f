"""Making a bundle: build the kit, check it, pack it for its target."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TextIO

from lessonkit.building.build import build
from lessonkit.building.request import BuildRequest, UsageError, resolve_request
from lessonkit.bundles import imscc, zim, zipbundle
from lessonkit.bundles.assemble import assemble
from lessonkit.bundles.manifest import build_date
from lessonkit.bundles.model import (
    AUDIENCES,
    TARGETS,
    BundleReport,
    BundleRequest,
    Contents,
    Finding,
    UntranslatedError,
)
from lessonkit.files import sha256_of
from lessonkit.project import Project
from lessonkit.scaffold import slugify
from lessonkit.sphinxext.html import page_name

PACKERS: dict[str, Callable[[Contents, Path], None]] = {
    "zip": zipbundle.pack, "kolibri": zipbundle.pack_kolibri, "imscc": imscc.pack,
    "imscc13": imscc.pack_v1p3, "zim": zim.pack,
}


def resolve(project: Project, request: BundleRequest) -> BundleRequest:
    """Check the request against the project; fill in the defaults."""
    if request.target not in TARGETS:
        raise UsageError(f"unknown target {request.target}; choose from {', '.join(TARGETS)}")
    if request.audience not in AUDIENCES:
        raise UsageError(f"audience must be one of {', '.join(AUDIENCES)}")
    resolved = resolve_request(project, _build_request(request))
    if "html" not in resolved.formats:
        raise UsageError("a bundle opens on its HTML site: --format must include html (e.g. html,pdf)")
    return replace(request, languages=resolved.languages, jobs=resolved.jobs)


def _build_request(request: BundleRequest) -> BuildRequest:
    return BuildRequest(languages=request.languages, formats=request.formats, band=request.band,
                                 jobs=request.jobs, audience=request.audience, large_print=request.large_print,
                                 strict_translations=not request.allow_untranslated)


def untranslated(project: Project, request: BundleRequest) -> list[Finding]:
    """The pages of the bundle whose catalog is missing, or has messages untranslated or fuzzy: a school would
    get them half in the source language."""
    from lessonkit import i18n  # loads polib: only for bundles

    band = request.band
    documents = [project.root / path for path in (*project.page_files(), *project.lesson_files(band))
                 if band is None or not path.is_relative_to(project.root / "lessons")
                 or path.is_relative_to(project.root / "lessons" / band)]
    findings = []
    for language in request.languages or []:
        if language == project.settings.languages[0]:
            continue
        folder = project.locale_dir(language)
        coverage = {row.document: row for row in i18n.coverage(project, language)}
        for path in documents:
            docname = path.relative_to(project.root).with_suffix("").as_posix()
            if not project.settings.in_scope(language, docname):
                continue  # a family language's edition has no such page
            page = f"html/{language}/{page_name(docname)}.html"
            row = coverage.get(docname)
            if row is None:
                findings.append(Finding(page, f"not translated: {project.shown(path)} has no catalog in "
                                              f"{project.shown(folder)}; run `lessonkit i18n update --lang "
                                              f"{language}` and translate it"))
            elif row.untranslated or row.fuzzy:
                findings.append(Finding(page, f"{row.untranslated} message(s) untranslated and {row.fuzzy} fuzzy "
                                              f"in {project.shown(folder / docname)}.po; translate them and clear "
                                              "the fuzzy flags"))
    return findings


def bundle_name(project: Project, request: BundleRequest) -> str:
    """``<project>-<version>[-<band>][-<languages>]-<audience>``: what the bundle holds, in its name."""
    version = re.sub(r"[^A-Za-z0-9._-]+", "-", project.version).strip("-") or "0"
    languages = request.languages or project.settings.all_languages
    subset = [] if set(languages) == set(project.settings.all_languages) else languages
    return "-".join([slugify(project.name) or "kit", version, *filter(None, [request.band]), *subset,
                     request.audience])


def _target(project: Project, request: BundleRequest) -> Path:
    default = bundle_name(project, request) + TARGETS[request.target]
    if request.output is None:
        return project.build_dir / "bundles" / default
    # A folder: said so (a trailing slash), there already, or a new name without the bundle's extension.
    extension = TARGETS[request.target].rsplit(".", 1)[-1]
    folder = request.output_folder or request.output.is_dir() or (
        not request.output.exists() and request.output.suffix != f".{extension}")
    return request.output / default if folder else request.output


def _refuse_unsafe_target(project: Project, target: Path) -> None:
    """A bundle never lands among the curriculum's sources, nor replaces a file it did not make."""
    where, root, build = target.resolve(), project.root.resolve(), project.build_dir.resolve()
    if where.is_relative_to(root) and not where.is_relative_to(build):
        raise UsageError(f"{target} is inside the curriculum's sources; write the bundle under "
                                  f"{project.shown(project.build_dir)}/ or outside the project (--force writes it "
                                  "there all the same)")
    if where.exists() and not where.with_name(where.name + ".sha256").is_file():
        raise UsageError(f"{target} exists and is not a bundle lessonkit made (no {where.name}.sha256 "
                                  "beside it); choose another name, or pass --force to replace it")


def _signer(project: Project, key_file: Path) -> Callable[[bytes], bytes]:
    """How manifest.json is signed; loaded before building, so that a wrong key costs no build."""
    from lessonkit.bundles import signing  # loads cryptography: only for signed bundles

    key = signing.load_private_key(key_file)
    if project.settings.signing_key:
        public_file = project.root / project.settings.signing_key
        if not signing.same_key(key, signing.load_public_key(public_file)):
            raise UsageError(f"{key_file} is not the private key of {project.shown(public_file)} "
                                      "(lessonkit_signing_key in conf.py): schools would refuse the bundle; "
                                      "sign with the board's key, or change the setting")
    return partial(signing.sign, key)


def make_bundle(project: Project, request: BundleRequest, *, status: TextIO | None = None,
                progress: Callable[[str], None] = lambda _: None) -> BundleReport:
    """Build the requested edition aside (build/ is left alone), check it, and pack it into one file."""
    request = resolve(project, request)
    date = build_date(project)
    target = _target(project, request)
    if not request.force:
        _refuse_unsafe_target(project, target)
    sign = _signer(project, request.sign) if request.sign is not None else None
    if not request.allow_untranslated and (findings := untranslated(project, request)):
        raise UntranslatedError(findings)
    project.build_dir.mkdir(parents=True, exist_ok=True)
    # A fresh build of its own, every time: build/html and build/pdf are never touched, and no
    # output left from an earlier build (a lesson since withdrawn) can slip into the bundle.
    # Reading is still incremental: the doctrees are shared with `lessonkit build`.
    work = Path(tempfile.mkdtemp(prefix=f".bundle-{bundle_name(project, request)}-", dir=project.build_dir))
    try:
        build(project, _build_request(request), status=status, progress=progress,
              output_root=work / "site")
        contents = assemble(project, work / "site", work / "added", request, date)
        contents.sign = sign
        progress(f"packing {len(contents.files)} files")
        PACKERS[request.target](contents, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    size, sha256 = sha256_of(target)
    # A checksum beside the bundle: `sha256sum -c` proves the whole file is the one that was built.
    target.with_name(target.name + ".sha256").write_text(f"{sha256}  {target.name}\n", encoding="utf-8")
    return BundleReport(target, len(contents.files), size, sha256)
