"""Tests of the shipped course and of cifal-course, the trainers' command line."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / 'course_content'
SHIPPED_COURSE = CONTENT / 'course'
COURSE_MANIFEST = CONTENT / 'courses' / 'local-actors' / 'course.toml'
WORKSHOP_MANIFEST = CONTENT / 'courses' / 'transit-workshop-fr' / 'course.toml'
MODULES = CONTENT / 'modules'
