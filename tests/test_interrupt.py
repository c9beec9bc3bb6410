"""Stop signals (issue 18): held where an exception could leave a lock held. That a signal stops a run with
the shell's exit code is tested end to end in tests/test_hostile_processes.py."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from atscheck.interrupt import held, interruptible

posix = pytest.mark.skipif(sys.platform == "win32", reason="sends itself POSIX signals")


@posix
def test_inside_held_a_stop_signal_is_noted_not_raised() -> None:
    with interruptible(), held() as stop_signal:
        assert stop_signal() is None
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGTERM)  # a second signal is ignored: the first one decides
        assert stop_signal() == signal.SIGINT


def test_outside_interruptible_held_notes_nothing() -> None:
    with held() as stop_signal:
        assert stop_signal() is None
