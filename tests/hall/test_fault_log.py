"""The loop's fault log: an error in full once, then only counts of its repeats."""

from __future__ import annotations

import logging

import pytest

from kiosk.hall.fault_log import MAX_KNOWN, SUMMARY_SECONDS, FaultLog


def raised_here(message: str) -> RuntimeError:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return error


def raised_there(message: str) -> RuntimeError:
    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return error


@pytest.fixture
def told(caplog):
    """What the fault log said so far: (message, whether it carried a traceback)."""
    caplog.set_level(logging.ERROR, logger="kiosk.hall.fault_log")

    def lines() -> list[tuple[str, bool]]:
        said = [(r.getMessage(), r.exc_info is not None) for r in caplog.records]
        caplog.clear()
        return said

    return lines


FULL = ("unexpected error in the display loop; carrying on", True)


def test_same_text_from_another_place_and_same_place_with_another_text_are_the_same(told):
    faults = FaultLog()
    faults.report(raised_here("disk full"), 0.0)
    faults.report(raised_there("disk full"), 1.0)  # same type and message
    faults.report(raised_here("disk full at 12:00"), 2.0)  # same place
    assert told() == [FULL]
    faults.flush(30.0)
    assert told() == [
        ("the same error again, 2 times in the last 30 seconds: RuntimeError: disk full", False)
    ]


def test_counts_come_at_most_once_a_window_and_not_at_all_when_quiet(told):
    faults = FaultLog()
    faults.report(raised_here("boom"), 0.0)
    for second in range(1, 300):
        faults.report(raised_here("boom"), float(second))
    assert told() == [FULL]
    faults.tick(SUMMARY_SECONDS)
    assert told() == [
        ("the same error again, 299 times in the last 5 minutes: RuntimeError: boom", False)
    ]
    faults.tick(2 * SUMMARY_SECONDS)  # nothing since: nothing to say
    faults.flush(3 * SUMMARY_SECONDS)
    assert told() == []
    faults.report(raised_here("boom"), 4 * SUMMARY_SECONDS)  # back later: still only counted
    assert told() == [
        ("the same error again, 1 time in the last 5 minutes: RuntimeError: boom", False)
    ]


def test_a_different_error_is_logged_in_full_at_once_and_each_keeps_its_count(told):
    faults = FaultLog()
    for second in range(10):  # two faults taking turns
        faults.report(raised_here("first"), float(second))
        faults.report(KeyError("second"), float(second))
    said = told()
    assert said == [FULL, FULL]
    faults.flush(60.0)
    assert told() == [
        ("the same error again, 9 times in the last 60 seconds: RuntimeError: first", False),
        ("the same error again, 9 times in the last 60 seconds: KeyError: 'second'", False),
    ]


def test_the_oldest_error_is_forgotten_with_its_count_told(told):
    faults = FaultLog()
    faults.report(RuntimeError("error 0"), 0.0)
    faults.report(RuntimeError("error 0"), 1.0)
    for number in range(1, MAX_KNOWN + 1):
        faults.report(RuntimeError(f"error {number}"), 2.0)
    said = told()
    assert said[:-1] == [FULL] * (MAX_KNOWN + 1)
    assert said[-1] == (
        "the same error again, 1 time in the last 2 seconds: RuntimeError: error 0",
        False,
    )
    faults.report(RuntimeError("error 0"), 3.0)  # forgotten: in full again
    assert told()[0] == FULL
