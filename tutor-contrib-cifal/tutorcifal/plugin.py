"""
The Tutor plugin of the CIFAL migration XBlocks (``tutor plugins enable cifal``).

- The openedx image gets the suite (``CIFAL_XBLOCKS_REQUIREMENT``) and, beside it, the shipped CIFAL course: the
  plugin carries the course's OLX (``templates/cifal-course``, the repository's ``course_content/course``), Tutor
  copies it as it is into the image's build context, and the Dockerfile puts it at ``/openedx/cifal-course``
  (ADR 13).
- The LMS and Studio get ``CIFAL_RESULTS`` from ``CIFAL_IDENTIFIED_EXPORTS``, ``CIFAL_MIN_GROUP_SIZE``,
  ``CIFAL_EXPORT_REFLECTIONS`` and ``CIFAL_REPORT_TASK_THRESHOLD``, checked when Tutor renders them.
- ``tutor local do init`` migrates the results store; ``tutor local do importcifalcourse`` imports the course into
  Studio after the image's own ``cifal-course validate`` has checked it.
"""
from __future__ import annotations

import os
import shlex
import typing as t
from importlib.resources import files
from pathlib import Path

import click
from tutor import exceptions, fmt, hooks

from .__about__ import __version__

PACKAGE = files("tutorcifal")

#: The default of CIFAL_XBLOCKS_REQUIREMENT: the image build stops on it with a message saying what to set.
PLACEHOLDER_REQUIREMENT = "git+https://<your git host>/cifal-xblocks.git@main"

#: The course's template folder; Tutor renders it to env/build/openedx/cifal-course (the image's build context).
COURSE_TEMPLATES = "cifal-course"
#: Where the openedx image keeps the course (the Dockerfile patch copies it there).
COURSE_DIR_IN_IMAGE = "/openedx/cifal-course"

hooks.Filters.CONFIG_DEFAULTS.add_items(
    [
        # What the openedx image's pip installs: a git URL (git+https://...@<tag>), a version on an index
        # (cifal-xblocks==0.1.0) or a wheel's URL.
        ("CIFAL_XBLOCKS_REQUIREMENT", PLACEHOLDER_REQUIREMENT),
        # CIFAL_RESULTS of the LMS and Studio (README, "Installing in Open edX").
        ("CIFAL_IDENTIFIED_EXPORTS", False),
        ("CIFAL_MIN_GROUP_SIZE", 5),
        ("CIFAL_EXPORT_REFLECTIONS", False),
        # Dashboard downloads over this many stored records are prepared by the LMS's workers (ADR 16).
        ("CIFAL_REPORT_TASK_THRESHOLD", 2000),
    ]
)


########################################
# Values checked where Tutor renders them
########################################


def _as_bool(value: t.Any, name: str) -> str:
    """A Python literal for a true/false setting; a clear error rather than a settings file that will not load."""
    if not isinstance(value, bool):
        raise exceptions.TutorError(f"{name} must be true or false, not {value!r}: "
                                    f"tutor config save --set {name}=false")
    return repr(value)


def _as_group_size(value: t.Any, name: str) -> str:
    """A whole number of at least 1 (below 5, the default, small groups of respondents show: ADR 10)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise exceptions.TutorError(f"{name} must be a whole number of at least 1, not {value!r}: "
                                    f"tutor config save --set {name}=5")
    return str(value)


def _as_record_count(value: t.Any, name: str) -> str:
    """A whole number of records, 0 or more (0: every dashboard download is prepared by a worker)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise exceptions.TutorError(f"{name} must be a whole number of records (0 or more), not {value!r}: "
                                    f"tutor config save --set {name}=2000")
    return str(value)


def _as_requirement(value: t.Any, name: str) -> str:
    """The requirement, quoted for the shell of the Dockerfile's RUN."""
    if not isinstance(value, str) or not value.strip() or any(character in value for character in '\r\n\0'):
        raise exceptions.TutorError(f"{name} must be one pip requirement on one line, not {value!r}: for instance "
                                    f"tutor config save --set '{name}=git+https://github.com/<org>/"
                                    "cifal-xblocks.git@<tag>'")
    return shlex.quote(value.strip())


hooks.Filters.ENV_TEMPLATE_FILTERS.add_items(
    [
        ("cifal_bool", _as_bool),
        ("cifal_group_size", _as_group_size),
        ("cifal_record_count", _as_record_count),
        ("cifal_requirement", _as_requirement),
    ]
)
hooks.Filters.ENV_TEMPLATE_VARIABLES.add_items(
    [
        ("CIFAL_PLACEHOLDER_REQUIREMENT", PLACEHOLDER_REQUIREMENT),
        ("CIFAL_COURSE_DIR_IN_IMAGE", COURSE_DIR_IN_IMAGE),
        ("CIFAL_PLUGIN_VERSION", __version__),
    ]
)


########################################
# Patches and the course in the image's build context
########################################

for patch in sorted((PACKAGE / "patches").iterdir(), key=lambda entry: entry.name):
    if patch.is_file() and not patch.name.startswith("."):
        hooks.Filters.ENV_PATCHES.add_item((patch.name, patch.read_text(encoding="utf-8")))

hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(str(PACKAGE / "templates"))
hooks.Filters.ENV_TEMPLATE_TARGETS.add_item((f"{COURSE_TEMPLATES}/", os.path.join("build", "openedx")))


@hooks.Filters.IS_FILE_RENDERED.add()
def _copy_course_as_it_is(rendered: bool, template_name: str) -> bool:
    """The course is authors' OLX and HTML, not Jinja: Tutor copies its bytes (a ``{{`` in a page stays)."""
    return rendered and not template_name.startswith(f"{COURSE_TEMPLATES}/")


def _course_files() -> set[str]:
    source = Path(str(PACKAGE / "templates" / COURSE_TEMPLATES))
    return {path.relative_to(source).as_posix() for path in source.rglob("*") if path.is_file()}


@hooks.Actions.ENV_SAVED.add()  # after every `tutor config save`
def _prune_course(root_env: str, config: t.Any) -> None:
    """Remove from the build context the course files that an earlier version of the plugin shipped and this one
    does not (Tutor rewrites the env, it does not empty it); the image must hold exactly the shipped course."""
    target = Path(root_env, "build", "openedx", COURSE_TEMPLATES)
    if not target.is_dir():
        return
    shipped = _course_files()
    for path in sorted(target.rglob("*"), reverse=True):  # files before the folders that hold them
        relative = path.relative_to(target).as_posix()
        if path.is_file() and relative not in shipped:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


@hooks.Actions.ENV_SAVED.add()
def _check_env(root_env: str, config: t.Any) -> None:
    """Say now what would otherwise fail at the image build or at the import."""
    if config.get("CIFAL_XBLOCKS_REQUIREMENT") == PLACEHOLDER_REQUIREMENT:
        fmt.echo_alert("tutor-contrib-cifal: set CIFAL_XBLOCKS_REQUIREMENT before building the openedx image, e.g. "
                       "tutor config save --set 'CIFAL_XBLOCKS_REQUIREMENT=git+https://github.com/<org>/"
                       "cifal-xblocks.git@<tag>'")
    if not Path(root_env, "build", "openedx", COURSE_TEMPLATES, "course.xml").is_file():
        fmt.echo_alert("tutor-contrib-cifal: the CIFAL course did not reach env/build/openedx/cifal-course; an "
                       "editable install of the plugin (pip install -e) does not carry it: install it without -e")


@hooks.Filters.IMAGES_BUILD_REQUIRED.add()
def _build_openedx_on_launch(image_names: list[str], context_name: str) -> list[str]:
    """The stock openedx image has neither the blocks nor the course: `tutor local launch` builds it."""
    if context_name == "local" and "openedx" not in image_names:
        image_names.append("openedx")
    return image_names


########################################
# Jobs: `do init` and `do importcifalcourse`
########################################


def _job(name: str) -> str:
    return (PACKAGE / "jobs" / name).read_text(encoding="utf-8")


hooks.Filters.CLI_DO_INIT_TASKS.add_item(("lms", _job("init-lms.sh")))


@click.command(name="importcifalcourse", help=(
    "Import the CIFAL local-actor course, which the openedx image holds at /openedx/cifal-course, into Studio. "
    "Run it again after an upgrade: the course's blocks are updated in place and learners keep their state."))
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="check the course first with the image's own blocks (cifal-course validate)")
def importcifalcourse(validate: bool) -> t.Iterable[tuple[str, str]]:
    yield ("cms", f"validate={int(validate)}\n{_job('importcifalcourse.sh')}")


hooks.Filters.CLI_DO_COMMANDS.add_item(importcifalcourse)
