"""Fixtures for the renderer tests, built from :mod:`format_samples`."""

from __future__ import annotations

import pytest
from format_samples import TEXT, sample_findings

from remit.formats import RenderOptions
from remit.records import FileResult


@pytest.fixture
def results() -> list[FileResult]:
    return [
        FileResult(path="docs/roles.md", text=TEXT, findings=sample_findings(),
                   notices=("5:1: unused remit-ignore comment",)),
        FileResult(path="empty.md", text="Nothing to see.\n", findings=()),
    ]


@pytest.fixture
def options() -> RenderOptions:
    return RenderOptions(
        agency_names={"ERO": "ERO (ICE)", "BORDER_PATROL": "Border Patrol (CBP)"},
        function_labels={"green_card": "issue green cards", "detention": "detain noncitizens",
                         "adjudicate_removal": "decide removal cases", "part_of": "be part of"},
        tool_version="0.1.0",
        show="all",  # the full listing; tests of the default threshold say so
    )
